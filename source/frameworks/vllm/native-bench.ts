import type {NativeBenchAdapter, NativeBenchCommandOptions, NativeResult} from '../adapter.js';
import {countsFrom, fillFromDetails, finite, latencyFrom, parseJsonObjects, rate, type NativeRecord} from '../../native/native-result.js';
import {randomLoadArgs, savedResultArgs} from '../serving-benchmark-args.js';

/**
 * `vllm bench serve` (docs/native-clients.md). One JSON object per --save-result (or one per
 * line with --append-result); `request_rate` is the string "inf"; percentile keys exist only for
 * the metrics and percentiles asked for, so the command asks for all four of each.
 */

function renderCommand(options: NativeBenchCommandOptions): readonly string[] {
	const chat = options.endpoint === '/v1/chat/completions';
	return [
		'vllm',
		'bench',
		'serve',
		'--backend',
		chat ? 'openai-chat' : 'openai',
		'--base-url',
		options.baseUrl,
		'--endpoint',
		options.endpoint,
		'--model',
		options.model,
		...(options.tokenizer ? ['--tokenizer', options.tokenizer] : []),
		'--dataset-name',
		'random',
		...randomLoadArgs(options),
		'--extra-body',
		JSON.stringify({temperature: 0, ...options.extraRequestBody}),
		...savedResultArgs(options),
	];
}

function toResult(record: NativeRecord): NativeResult {
	const numPrompts = finite(record.num_prompts);
	const latency = latencyFrom(record, 'e2el');
	fillFromDetails(latency, record);
	const completed = finite(record.completed);
	return {
		requestRate: rate(record.request_rate),
		maxConcurrency: finite(record.max_concurrency),
		numPrompts,
		inputLen: finite(record.random_input_len) ?? (completed ? Math.round((finite(record.total_input_tokens) ?? 0) / completed) || null : null),
		outputLen: finite(record.random_output_len) ?? (completed ? Math.round((finite(record.total_output_tokens) ?? 0) / completed) || null : null),
		model: typeof record.model_id === 'string' ? record.model_id : null,
		datasetName: typeof record.dataset_name === 'string' ? record.dataset_name : null,
		metrics: {
			...countsFrom(record, numPrompts, record.failed),
			request_goodput: finite(record.request_goodput),
			total_token_throughput: finite(record.total_token_throughput),
			...latency,
		},
	};
}

export const vllmNativeBench: NativeBenchAdapter = {
	resultFile: '`vllm bench serve --save-result`: one JSON object (one per line with --append-result)',
	// Its `custom` dataset takes text prompts only; token-id and message-list rows cannot be fed.
	readsWorkload: false,
	resultExtension: 'json',
	renderCommand,
	parseResultFile: text => parseJsonObjects(text).map(toResult),
};
