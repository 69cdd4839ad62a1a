import type {NativeBenchAdapter, NativeBenchCommandOptions, NativeResult} from '../adapter.js';
import {countsFrom, fillFromDetails, finite, latencyFrom, parseJsonObjects, rate, type NativeRecord} from '../../native/native-result.js';
import type {WorkloadRow} from '../../results/workload-row.js';
import {loadArgs, randomLengthArgs, savedResultArgs} from '../serving-benchmark-args.js';
import {textPrompts} from '../text-prompts.js';

/**
 * TensorRT-LLM's `benchmark_serving.py` (docs/native-clients.md): backends openai/openai-chat
 * only, random text needs ShareGPT unless --random-ids, ignore_eos only when asked, and its result
 * JSON spells goodput `"request_goodput:"` (with the colon). No `failed` field.
 */

function renderCommand(options: NativeBenchCommandOptions): readonly string[] {
	const chat = options.endpoint === '/v1/chat/completions';
	const url = new URL(options.baseUrl);
	return [
		'python',
		'-m',
		'tensorrt_llm.serve.scripts.benchmark_serving',
		'--backend',
		chat ? 'openai-chat' : 'openai',
		'--host',
		url.hostname,
		'--port',
		url.port || (url.protocol === 'https:' ? '443' : '80'),
		'--model',
		options.model,
		...(options.tokenizer ? ['--tokenizer', options.tokenizer] : []),
		// benchmark_dataset.py CustomDataset (`trtllm_custom`): one request per line, the prompt from
		// input.messages[1].content and the output length from input.max_tokens, per row.
		...(options.datasetPath
			? ['--dataset-name', 'trtllm_custom', '--dataset-path', options.datasetPath]
			: ['--dataset-name', 'random', '--random-ids', ...randomLengthArgs(options)]),
		...loadArgs(options),
		...savedResultArgs(options),
	];
}

function toResult(record: NativeRecord): NativeResult {
	const numPrompts = finite(record.num_prompts);
	const latency = latencyFrom(record, 'e2el');
	fillFromDetails(latency, record);
	return {
		requestRate: rate(record.request_rate),
		maxConcurrency: finite(record.max_concurrency),
		numPrompts,
		inputLen: finite(record.random_input_len),
		outputLen: finite(record.random_output_len),
		model: typeof record.model_id === 'string' ? record.model_id : null,
		datasetName: typeof record.dataset_name === 'string' ? record.dataset_name : null,
		metrics: {
			...countsFrom(record, numPrompts, record.failed),
			request_goodput: finite(record['request_goodput:'] ?? record.request_goodput),
			total_token_throughput: finite(record.total_token_throughput),
			...latency,
		},
	};
}

export const tensorrtLlmNativeBench: NativeBenchAdapter = {
	resultFile: '`python -m tensorrt_llm.serve.scripts.benchmark_serving --save-result`: one JSON object',
	dataset(rows: readonly WorkloadRow[], endpoint) {
		const prompts = textPrompts(rows, endpoint, "benchmark_serving.py's trtllm_custom dataset");
		if ('why' in prompts) return {reads: 'own', why: prompts.why};
		// It reads messages[1] as the prompt: an empty system message comes first (and is not sent).
		const line = (content: string, maxTokens: number) =>
			`${JSON.stringify({
				input: {
					messages: [
						{role: 'system', content: ''},
						{role: 'user', content},
					],
					max_tokens: maxTokens,
				},
			})}\n`;
		return {reads: 'derived', text: prompts.texts.map((prompt, index) => line(prompt, rows[index]!.output_len)).join('')};
	},
	resultExtension: 'json',
	renderCommand,
	parseResultFile: text => parseJsonObjects(text).map(toResult),
};
