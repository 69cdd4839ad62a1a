import type {NativeBenchAdapter, NativeBenchCommandOptions, NativeResult} from '../adapter.js';
import {countsFrom, fillFromDetails, finite, latencyFrom, parseJsonObjects, rate, type NativeRecord} from '../../native/native-result.js';
import type {WorkloadRow} from '../../results/workload-row.js';
import {loadArgs, randomLengthArgs, savedResultArgs} from '../serving-benchmark-args.js';
import {textPrompts} from '../text-prompts.js';

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
		// vllm/benchmarks/datasets.py CustomDataset: JSONL with a "prompt" column; one output length for
		// all; the chat template applied and the rows shuffled unless told not to.
		...(options.datasetPath
			? [
					'--dataset-name',
					'custom',
					'--dataset-path',
					options.datasetPath,
					'--custom-output-len',
					String(options.outputLen),
					'--skip-chat-template',
					'--disable-shuffle',
				]
			: ['--dataset-name', 'random', ...randomLengthArgs(options)]),
		...loadArgs(options),
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
	dataset(rows: readonly WorkloadRow[], endpoint) {
		const prompts = textPrompts(rows, endpoint, "vllm bench serve's custom dataset");
		if ('why' in prompts) return {reads: 'own', why: prompts.why};
		const lengths = rows.map(row => row.output_len);
		if (new Set(lengths).size > 1)
			return {
				reads: 'own',
				why: `vllm bench serve's --custom-output-len gives every request one output length; this workload's rows ask for ${Math.min(...lengths)}–${Math.max(...lengths)} tokens`,
			};
		return {reads: 'derived', text: prompts.texts.map(prompt => `${JSON.stringify({prompt})}\n`).join('')};
	},
	resultExtension: 'json',
	renderCommand,
	parseResultFile: text => parseJsonObjects(text).map(toResult),
};
