import type {NativeBenchAdapter, NativeBenchCommandOptions, NativeResult} from '../adapter.js';
import {countsFrom, fillFromDetails, finite, latencyFrom, lines, parsePythonJson, rate, type NativeRecord} from '../../native/native-result.js';

/**
 * `python -m sglang.bench_serving` (docs/native-clients.md). Its output file is JSONL appended
 * one line per run, with bare Infinity/NaN; a run where every request failed may write no line.
 * There is no `failed` or `num_prompts` field: the detail lists (--output-details) give the count.
 */

function renderCommand(options: NativeBenchCommandOptions): readonly string[] {
	const chat = options.endpoint === '/v1/chat/completions';
	const dataset = options.datasetPath
		? ['--dataset-name', 'autobench', '--dataset-path', options.datasetPath]
		: [
				'--dataset-name',
				'random-ids',
				'--random-input-len',
				String(options.inputLen),
				'--random-output-len',
				String(options.outputLen),
				'--random-range-ratio',
				String(options.rangeRatio ?? 1),
			];
	return [
		'python',
		'-m',
		'sglang.bench_serving',
		'--backend',
		chat ? 'sglang-oai-chat' : 'sglang-oai',
		'--base-url',
		options.baseUrl,
		'--model',
		options.model,
		...(options.tokenizer ? ['--tokenizer', options.tokenizer] : []),
		...dataset,
		'--num-prompts',
		String(options.numPrompts),
		'--request-rate',
		String(options.requestRate),
		...(options.maxConcurrency === null ? [] : ['--max-concurrency', String(options.maxConcurrency)]),
		'--seed',
		String(options.seed),
		...(Object.keys(options.extraRequestBody).length > 0 ? ['--extra-request-body', JSON.stringify(options.extraRequestBody)] : []),
		'--output-file',
		options.resultFile,
		'--output-details',
	];
}

function toResult(record: NativeRecord): NativeResult {
	const details = Array.isArray(record.errors) ? record.errors.length : Array.isArray(record.ttfts) ? record.ttfts.length : null;
	const numPrompts = finite(record.num_prompts) ?? details;
	const latency = latencyFrom(record, 'e2e_latency');
	fillFromDetails(latency, record);
	const duration = finite(record.duration);
	const tokens = (finite(record.total_input_tokens) ?? 0) + (finite(record.total_output_tokens) ?? 0);
	return {
		requestRate: rate(record.request_rate),
		maxConcurrency: finite(record.max_concurrency),
		numPrompts,
		inputLen: finite(record.random_input_len),
		outputLen: finite(record.random_output_len) ?? finite(record.sharegpt_output_len),
		model: typeof record.model_id === 'string' ? record.model_id : null,
		datasetName: typeof record.dataset_name === 'string' ? record.dataset_name : null,
		metrics: {
			...countsFrom(record, numPrompts, record.failed),
			request_goodput: null, // bench_serving has no goodput
			total_token_throughput: finite(record.total_throughput) ?? (duration ? tokens / duration : null),
			...latency,
		},
	};
}

export const sglangNativeBench: NativeBenchAdapter = {
	resultFile: '`python -m sglang.bench_serving --output-file`: appended JSONL with bare Infinity/NaN; no line at all when every request failed',
	// --dataset-name autobench --dataset-path reads our workload file as it is.
	dataset: () => ({reads: 'workload'}),
	resultExtension: 'jsonl',
	renderCommand,
	parseResultFile: text => lines(text).map(({line, number}) => toResult(parsePythonJson(line, `line ${number}`) as NativeRecord)),
};
