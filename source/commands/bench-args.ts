import type {GoodputSla} from '../bench/bench-types.js';
import {UsageError} from '../errors.js';
import {maxNumPrompts, maxSequenceTokens, maxWorkloadTokens} from '../config/check-dataset.js';
import {parseCommandArgs} from './parse-command-args.js';
import {datasetKinds, endpoints, isDatasetKind, isEndpoint, type DatasetKind, type Endpoint} from '../results/workload-row.js';

/** `llm-bench-tui bench` arguments, checked once here; every message names the flag at fault. */
export type BenchArgs = {
	baseUrl: string;
	model: string;
	endpoint: Endpoint;
	dataset: DatasetKind;
	datasetPath: string | null;
	inputLen: number;
	outputLen: number;
	rangeRatio: number;
	numPrompts: number;
	requestRate: number;
	burstiness: number;
	maxConcurrency: number | null;
	warmup: number;
	seed: number;
	tokenizer: string | null;
	extraRequestBody: Record<string, unknown>;
	goodput: GoodputSla | null;
	outputFile: string | null;
	outputDetails: string | null;
	apiKeyEnv: string | null;
	requestTimeoutMs: number;
};

const options = {
	'base-url': {type: 'string'},
	model: {type: 'string'},
	endpoint: {type: 'string', default: '/v1/completions'},
	dataset: {type: 'string', default: 'random'},
	'dataset-path': {type: 'string'},
	'input-len': {type: 'string', default: '1024'},
	'output-len': {type: 'string', default: '128'},
	'range-ratio': {type: 'string', default: '1'},
	'num-prompts': {type: 'string', default: '200'},
	'request-rate': {type: 'string', default: 'inf'},
	burstiness: {type: 'string', default: '1'},
	'max-concurrency': {type: 'string'},
	warmup: {type: 'string', default: '1'},
	seed: {type: 'string', default: '1'},
	tokenizer: {type: 'string'},
	'extra-request-body': {type: 'string'},
	goodput: {type: 'string'},
	'output-file': {type: 'string'},
	'output-details': {type: 'string'},
	'api-key-env': {type: 'string'},
	'request-timeout': {type: 'string', default: '600'},
} as const;

/** A URL for a message, its user and password masked. */
function redactUrl(text: string): string {
	return text.replace(/(\/\/)[^\s/@]+@/, '$1[REDACTED]@');
}

function number(flag: string, text: string, check: (value: number) => boolean, what: string): number {
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value) || !check(value)) throw new UsageError(`bench: --${flag} ${text}: must be ${what}`);
	return value;
}

// The plan's bounds (config/check-dataset.ts): beyond them the workload builder hangs or runs out of memory.
const maxTokens = maxSequenceTokens;
const maxPrompts = maxNumPrompts;
const positiveInt = (value: number) => Number.isInteger(value) && value >= 1;

/** `--goodput ttft:500 tpot:50` takes several words (vLLM's syntax); fold them into one value. */
function foldGoodput(argv: readonly string[]): string[] {
	const out: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		if (argv[index] !== '--goodput') {
			out.push(argv[index]!);
			continue;
		}
		const parts: string[] = [];
		while (index + 1 < argv.length && /^[a-z0-9]+:/i.test(argv[index + 1]!)) parts.push(argv[++index]!);
		out.push('--goodput', parts.join(' '));
	}
	return out;
}

function parseGoodput(text: string): GoodputSla {
	const sla: {ttftMs?: number; tpotMs?: number; e2eMs?: number} = {};
	const names = {ttft: 'ttftMs', tpot: 'tpotMs', e2e: 'e2eMs', e2el: 'e2eMs'} as const;
	const words = text.split(/[\s,]+/).filter(Boolean);
	if (words.length === 0) throw new UsageError('bench: --goodput needs NAME:MS pairs, e.g. --goodput ttft:500 tpot:50');
	for (const word of words) {
		const [name, value] = word.split(':');
		const key = names[name as keyof typeof names];
		if (!key || value === undefined) throw new UsageError(`bench: --goodput ${word}: expected ttft:MS, tpot:MS or e2e:MS`);
		sla[key] = number('goodput', value, v => v > 0, 'a positive number of milliseconds');
	}
	return sla;
}

export function parseBenchArgs(argv: readonly string[], usage: string, env: Readonly<Record<string, string | undefined>> = {}): BenchArgs {
	const {values} = parseCommandArgs('bench', usage, foldGoodput(argv), options, {maxPositionals: 0});
	if (!values['base-url']) throw new UsageError(`bench: --base-url is required (e.g. http://127.0.0.1:8000)\n\n${usage}`);
	if (!values.model) throw new UsageError(`bench: --model is required (the served model name)\n\n${usage}`);
	let baseUrl: URL;
	try {
		baseUrl = new URL(values['base-url']);
	} catch {
		throw new UsageError(`bench: --base-url ${redactUrl(values['base-url'])}: not a URL (e.g. http://127.0.0.1:8000)`);
	}
	if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
		throw new UsageError(`bench: --base-url ${redactUrl(values['base-url'])}: the load client speaks http:// or https://, not ${baseUrl.protocol}//`);
	}
	const keyEnv = values['api-key-env'];
	if (keyEnv !== undefined) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv))
			throw new UsageError(`bench: --api-key-env ${keyEnv}: give the NAME of an environment variable (e.g. OPENAI_API_KEY), not the key itself`);
		if (!env[keyEnv])
			throw new UsageError(`bench: --api-key-env ${keyEnv}: that environment variable is not set (or empty), so no key would be sent; export it first`);
	}
	const endpoint = values.endpoint;
	if (!isEndpoint(endpoint)) {
		throw new UsageError(`bench: --endpoint ${endpoint}: must be ${endpoints.join(' or ')}`);
	}
	const dataset = values.dataset;
	if (!isDatasetKind(dataset)) {
		throw new UsageError(`bench: --dataset ${dataset}: must be one of ${datasetKinds.join(', ')}`);
	}
	if ((dataset === 'sharegpt' || dataset === 'jsonl') && !values['dataset-path']) {
		throw new UsageError(`bench: --dataset ${dataset} needs --dataset-path FILE`);
	}
	let extraRequestBody: Record<string, unknown> = {};
	if (values['extra-request-body']) {
		try {
			extraRequestBody = JSON.parse(values['extra-request-body']) as Record<string, unknown>;
		} catch {
			throw new UsageError(`bench: --extra-request-body is not valid JSON: ${values['extra-request-body']}`);
		}
		if (typeof extraRequestBody !== 'object' || extraRequestBody === null || Array.isArray(extraRequestBody)) {
			throw new UsageError('bench: --extra-request-body must be a JSON object, e.g. \'{"temperature": 0}\'');
		}
	}
	const rate = values['request-rate'];
	const workloadTokens = Number(values['num-prompts']) * Number(values['input-len']);
	if (workloadTokens > maxWorkloadTokens)
		throw new UsageError(
			`bench: --num-prompts × --input-len is ${workloadTokens.toExponential(1)} prompt tokens: at most ${maxWorkloadTokens.toExponential(0)} (the workload is built in memory)`,
		);
	return {
		baseUrl: values['base-url'],
		model: values.model,
		endpoint,
		dataset,
		datasetPath: values['dataset-path'] ?? null,
		inputLen: number('input-len', values['input-len'], v => positiveInt(v) && v <= maxTokens, `a positive integer, at most ${maxTokens}`),
		outputLen: number('output-len', values['output-len'], v => positiveInt(v) && v <= maxTokens, `a positive integer, at most ${maxTokens}`),
		rangeRatio: number('range-ratio', values['range-ratio'], v => v >= 0 && v <= 1, 'between 0 and 1 (1 = fixed lengths)'),
		numPrompts: number('num-prompts', values['num-prompts'], v => positiveInt(v) && v <= maxPrompts, `a positive integer, at most ${maxPrompts}`),
		requestRate: rate === 'inf' ? Number.POSITIVE_INFINITY : number('request-rate', rate, v => v > 0, "a positive number or 'inf'"),
		burstiness: number('burstiness', values.burstiness, v => v > 0, 'a positive number (1 = Poisson)'),
		maxConcurrency: values['max-concurrency'] === undefined ? null : number('max-concurrency', values['max-concurrency'], positiveInt, 'a positive integer'),
		warmup: number('warmup', values.warmup, v => Number.isInteger(v) && v >= 0, 'a non-negative integer'),
		seed: number('seed', values.seed, Number.isInteger, 'an integer'),
		tokenizer: values.tokenizer ?? null,
		extraRequestBody,
		goodput: values.goodput === undefined ? null : parseGoodput(values.goodput),
		outputFile: values['output-file'] ?? null,
		outputDetails: values['output-details'] ?? null,
		apiKeyEnv: values['api-key-env'] ?? null,
		requestTimeoutMs: number('request-timeout', values['request-timeout'], v => v > 0, 'a positive number of seconds') * 1000,
	};
}
