import {readFile, stat} from 'node:fs/promises';
import type {WorkloadRow} from '../results/workload-row.js';
import {UserError} from '../errors.js';
import type {Tokenizer} from './tokenizer.js';

/**
 * Real-data sources converted to canonical rows (docs/measurement.md): the prompt only — never the target
 * answer —, the answer's token length as output_len when the file carries no explicit one, and
 * request-level sampling options kept in extra_request_body.
 */

/** What a reader built: its rows, and how many of their output lengths were word-count estimates. */
export type SourceRows = {rows: WorkloadRow[]; estimatedOutputLens: number};

const samplingKeys = [
	'temperature',
	'top_p',
	'top_k',
	'min_p',
	'presence_penalty',
	'frequency_penalty',
	'repetition_penalty',
	'seed',
	'stop',
	'max_tokens',
	'max_completion_tokens',
	'ignore_eos',
	'min_tokens',
];

type Message = {role: string; content: string};

function tokenLength(text: string, tokenizer: Tokenizer | null): number {
	// Without a tokenizer: ~4/3 tokens per word, the usual English ratio (the caller notes it).
	return tokenizer ? tokenizer.encode(text).length : Math.max(1, Math.round((text.split(/\s+/).filter(Boolean).length * 4) / 3));
}

// A dataset may be large (ShareGPT is ~650 MB), but not unbounded: a string past this cannot be parsed anyway.
const maxDatasetBytes = 512 * 1024 * 1024;

async function readText(file: string, what: string): Promise<string> {
	// A FIFO or device would block the read forever: refuse it by its kind, before opening.
	const info = await stat(file).catch(() => null);
	if (info && !info.isFile())
		throw new UserError(
			`the ${what} file ${file} is not a regular file (${info.isDirectory() ? 'a directory' : 'a FIFO, socket or device'}). Check --dataset-path (or dataset.path).`,
		);
	if (info && info.size > maxDatasetBytes)
		throw new UserError(`the ${what} file ${file} is ${(info.size / 2 ** 20).toFixed(0)} MiB: at most ${maxDatasetBytes / 2 ** 20} MiB. Use a smaller sample.`);
	return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
		throw new UserError(`cannot read the ${what} file ${file}: ${error.code ?? error.message}. Check --dataset-path (or dataset.path).`);
	});
}

/** ShareGPT JSON: [{conversations: [{from: "human"|"gpt", value}]}]; first human turn + its answer. */
export async function sharegptRows(
	file: string,
	options: {numPrompts: number; outputLen: number | null; chat: boolean; tokenizer: Tokenizer | null},
): Promise<SourceRows> {
	let data: unknown;
	try {
		data = JSON.parse(await readText(file, 'ShareGPT'));
	} catch (error) {
		if (error instanceof UserError) throw error;
		throw new UserError(`${file} is not valid JSON; a ShareGPT file is a JSON list of {"conversations": [{"from", "value"}]}.`);
	}
	if (!Array.isArray(data)) throw new UserError(`${file}: a ShareGPT file is a JSON list of {"conversations": [...]}.`);
	const rows: WorkloadRow[] = [];
	let estimatedOutputLens = 0;
	for (const [index, entry] of data.entries()) {
		if (rows.length >= options.numPrompts) break;
		const turns = (entry as {conversations?: Array<{from?: string; value?: string}>}).conversations;
		if (!Array.isArray(turns) || turns.length < 2) continue;
		const question = turns[0]?.value;
		const answer = turns[1]?.value;
		if (typeof question !== 'string' || typeof answer !== 'string' || question.trim() === '') continue;
		const outputLen = options.outputLen ?? tokenLength(answer, options.tokenizer);
		if (outputLen < 2) continue; // SGLang and vLLM drop these too
		if (options.outputLen === null && !options.tokenizer) estimatedOutputLens++;
		rows.push({
			prompt: options.chat ? [{role: 'user', content: question}] : question,
			output_len: outputLen,
			metadata: {source_index: index},
			...(options.tokenizer ? {prompt_len: options.tokenizer.encode(question).length} : {}),
		});
	}
	return {rows, estimatedOutputLens};
}

/**
 * Custom JSONL: each line is a canonical row ({prompt, output_len}), or chat data ({messages} —
 * a trailing assistant message is the target answer: dropped, its length becomes output_len), or
 * {text|prompt} with max_tokens. Sampling fields go to extra_request_body.
 */
export async function customRows(
	file: string,
	options: {numPrompts: number; outputLen: number | null; chat: boolean; tokenizer: Tokenizer | null},
): Promise<SourceRows> {
	const lines = (await readText(file, 'JSONL')).split('\n');
	const rows: WorkloadRow[] = [];
	let estimatedOutputLens = 0;
	for (const [index, line] of lines.entries()) {
		if (rows.length >= options.numPrompts) break;
		if (line.trim() === '') continue;
		let record: Record<string, unknown>;
		try {
			record = JSON.parse(line) as Record<string, unknown>;
		} catch {
			throw new UserError(`${file}:${index + 1}: not valid JSON.`);
		}
		const where = `${file}:${index + 1}`;
		let prompt: WorkloadRow['prompt'];
		let answer: string | null = null;
		if (Array.isArray(record.messages)) {
			const messages = [...(record.messages as Message[])];
			if (messages.at(-1)?.role === 'assistant') answer = messages.pop()!.content;
			prompt = messages;
		} else if (typeof record.prompt === 'string' || Array.isArray(record.prompt)) {
			prompt = record.prompt as WorkloadRow['prompt'];
		} else if (typeof record.text === 'string') {
			prompt = record.text;
		} else {
			throw new UserError(`${where}: no prompt; each line needs "prompt", "messages" or "text".`);
		}
		if (typeof record.completion === 'string') answer = record.completion;
		if (typeof record.response === 'string') answer = record.response;
		if (options.chat && typeof prompt === 'string') prompt = [{role: 'user', content: prompt}];
		if (!options.chat && Array.isArray(prompt) && typeof prompt[0] === 'object') {
			prompt = (prompt as Message[]).map(message => message.content).join('\n');
		}
		const explicit = [record.output_len, record.max_tokens, record.max_completion_tokens].find(value => typeof value === 'number') as number | undefined;
		const outputLen = options.outputLen ?? explicit ?? (answer === null ? null : tokenLength(answer, options.tokenizer));
		if (outputLen === null || outputLen < 1) {
			throw new UserError(`${where}: no output length; add "output_len" to the line, or pass --output-len.`);
		}
		if (options.outputLen === null && explicit === undefined && !options.tokenizer) estimatedOutputLens++;
		const extra: Record<string, unknown> = {...(record.extra_request_body as Record<string, unknown> | undefined)};
		for (const key of samplingKeys) if (key in record && !['max_tokens', 'max_completion_tokens'].includes(key)) extra[key] = record[key];
		rows.push({
			prompt,
			output_len: outputLen,
			...(Object.keys(extra).length > 0 ? {extra_request_body: extra} : {}),
			metadata: {...(record.metadata as Record<string, unknown> | undefined), source_line: index + 1},
			...(typeof record.prompt_len === 'number' ? {prompt_len: record.prompt_len} : {}),
		});
	}
	return {rows, estimatedOutputLens};
}
