import {seededRandom} from '../bench/arrivals.js';
import type {Plan, Scenario} from '../config/plan.js';
import {UserError} from '../errors.js';
import {sampleLength} from './lengths.js';
import {approximateText, exactLengthText, randomTokenIds, wordPool} from './random-prompts.js';
import {customRows, sharegptRows} from './sources.js';
import {loadTokenizer, type Tokenizer} from './tokenizer.js';
import {workloadSha256} from './workload-file.js';
import type {DatasetKind, Endpoint, WorkloadRow} from '../results/workload-row.js';

export {saveWorkload, loadWorkload} from './workload-file.js';

/**
 * Builds one scenario's canonical workload (docs/measurement.md), deterministically for a seed. Every
 * shortcut that costs accuracy — no tokenizer, approximate lengths — is written into `notes`.
 */

export type WorkloadSpec = {
	readonly kind: DatasetKind;
	readonly path: string | null;
	readonly numPrompts: number;
	readonly inputLen: number;
	readonly outputLen: number;
	/** SGLang convention (see lengths.ts): 1 = fixed lengths. */
	readonly rangeRatio: number;
	readonly seed: number;
	readonly tokenizer: string | null;
	readonly endpoint: Endpoint;
	readonly extraRequestBody: Readonly<Record<string, unknown>>;
	/** shared-prefix: number of distinct prefixes and their token length (default 4 groups, 3/4 of input). */
	readonly sharedPrefix?: {readonly groups?: number; readonly prefixLen?: number};
	readonly scenario?: string;
};

export type MaterializedWorkload = {rows: WorkloadRow[]; sha256: string; notes: string[]; synthetic: boolean};

type PromptMaker = {make(length: number): {prompt: string | number[]; exact: boolean}; note: string | null};

function promptMaker(tokenizer: Tokenizer | null, chat: boolean, random: () => number): PromptMaker {
	if (tokenizer) {
		const pool = wordPool(tokenizer);
		return {make: length => ({prompt: exactLengthText(tokenizer, pool, length, random), exact: true}), note: null};
	}
	if (!chat) {
		return {
			make: length => ({prompt: randomTokenIds(length, random), exact: true}),
			note: 'no tokenizer: random prompts are token-id lists of exact length (ids 1000–29999), valid on /v1/completions only',
		};
	}
	return {
		make: length => ({prompt: approximateText(length, random), exact: false}),
		note: 'no tokenizer on the chat endpoint: random prompts are common English words, about one token each — input lengths are APPROXIMATE (pass --tokenizer for exact lengths)',
	};
}

function shape(prompt: string | number[], chat: boolean): WorkloadRow['prompt'] {
	return chat && typeof prompt === 'string' ? [{role: 'user', content: prompt}] : prompt;
}

function fromPlan(input: {plan: Plan; scenario: Scenario}): WorkloadSpec {
	const {plan, scenario} = input;
	return {
		kind: plan.dataset.kind,
		path: plan.dataset.path,
		numPrompts: plan.dataset.numPrompts,
		inputLen: scenario.inputLen,
		outputLen: scenario.outputLen,
		rangeRatio: plan.dataset.rangeRatio,
		seed: plan.dataset.seed,
		tokenizer: plan.model.tokenizer ?? plan.model.name,
		endpoint: plan.benchmark.endpoint,
		extraRequestBody: plan.benchmark.extraRequestBody,
		scenario: scenario.name,
	};
}

export async function materializeWorkload(input: WorkloadSpec | {plan: Plan; scenario: Scenario}): Promise<MaterializedWorkload> {
	const spec = 'plan' in input ? fromPlan(input) : input;
	const notes: string[] = [];
	const chat = spec.endpoint === '/v1/chat/completions';
	const tokenizer = spec.tokenizer ? await loadTokenizer(spec.tokenizer) : null;
	if (spec.tokenizer && !tokenizer)
		notes.push(`tokenizer ${spec.tokenizer} is not a local path and has no bundled copy (nothing is downloaded); built without a tokenizer`);
	if (tokenizer?.bundled)
		notes.push(`tokenizer ${spec.tokenizer}: the bundled ${tokenizer.bundled} tokenizer was used (no download); prompt lengths are exact`);
	const random = seededRandom(spec.seed);
	const extra = Object.keys(spec.extraRequestBody).length > 0 ? {extra_request_body: {...spec.extraRequestBody}} : {};
	let rows: WorkloadRow[];
	let synthetic = true;

	if (spec.kind === 'sharegpt' || spec.kind === 'jsonl') {
		if (!spec.path) throw new UserError(`dataset kind ${spec.kind} needs a file: pass --dataset-path (or set dataset.path).`);
		const read = spec.kind === 'sharegpt' ? sharegptRows : customRows;
		// Real data keeps its own output lengths (the answer's length, or the row's output_len).
		const source = await read(spec.path, {numPrompts: spec.numPrompts, outputLen: null, chat, tokenizer});
		rows = source.rows.map(row => ({
			...row,
			extra_request_body: {...spec.extraRequestBody, ...row.extra_request_body},
		}));
		if (rows.length === 0) throw new UserError(`${spec.path}: no usable rows for a ${spec.kind} dataset.`);
		if (rows.length < spec.numPrompts) notes.push(`${spec.path} holds ${rows.length} usable rows, fewer than num_prompts ${spec.numPrompts}`);
		// Only rows whose length came from an answer were estimated; an explicit output_len is exact.
		if (source.estimatedOutputLens > 0) {
			notes.push(`no tokenizer: ${source.estimatedOutputLens} of ${rows.length} output lengths were taken from answers and estimated from word counts (×4/3)`);
		}
		synthetic = false;
	} else {
		const maker = promptMaker(tokenizer, chat, random);
		if (maker.note) notes.push(maker.note);
		if (tokenizer && tokenizer.specialTokensAdded > 0) {
			notes.push(`prompt lengths exclude the ${tokenizer.specialTokensAdded} special token(s) the server adds`);
		}
		if (chat) notes.push('chat prompts: the server adds its chat template, so prompt_tokens in usage exceed the content length');
		rows = spec.kind === 'shared-prefix' ? sharedPrefixRows(spec, maker, chat, random) : [];
		for (let index = 0; spec.kind === 'random' && index < spec.numPrompts; index++) {
			const inputLen = sampleLength(spec.inputLen, spec.rangeRatio, random);
			const outputLen = Math.max(1, sampleLength(spec.outputLen, spec.rangeRatio, random));
			const {prompt, exact} = maker.make(inputLen);
			rows.push({
				prompt: shape(prompt, chat),
				output_len: outputLen,
				...extra,
				metadata: {index, ...(spec.scenario ? {scenario: spec.scenario} : {})},
				...(exact ? {prompt_len: inputLen} : {}),
			});
		}
	}
	return {rows, sha256: workloadSha256(rows), notes, synthetic};
}

/** Groups of prompts sharing a long prefix, for prefix-cache-sensitive comparisons; order shuffled. */
function sharedPrefixRows(spec: WorkloadSpec, maker: PromptMaker, chat: boolean, random: () => number): WorkloadRow[] {
	const groups = Math.max(1, spec.sharedPrefix?.groups ?? 4);
	const prefixLen = Math.min(spec.inputLen, spec.sharedPrefix?.prefixLen ?? Math.floor((spec.inputLen * 3) / 4));
	const prefixes = Array.from({length: groups}, () => maker.make(prefixLen).prompt);
	const rows: WorkloadRow[] = [];
	for (let index = 0; index < spec.numPrompts; index++) {
		const group = index % groups;
		const prefix = prefixes[group]!;
		const suffix = maker.make(spec.inputLen - prefixLen);
		// Word pieces start with a space, so joining texts keeps the two token counts additive.
		const prompt = typeof prefix === 'string' ? prefix + (suffix.prompt as string) : [...prefix, ...(suffix.prompt as number[])];
		rows.push({
			prompt: shape(prompt, chat),
			output_len: spec.outputLen,
			...(Object.keys(spec.extraRequestBody).length > 0 ? {extra_request_body: {...spec.extraRequestBody}} : {}),
			metadata: {index, group},
			...(suffix.exact ? {prompt_len: spec.inputLen} : {}),
		});
	}
	for (let index = rows.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[rows[index], rows[other]] = [rows[other]!, rows[index]!];
	}
	return rows;
}
