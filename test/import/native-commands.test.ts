import test from 'ava';
import type {NativeBenchCommandOptions} from '../../source/frameworks/adapter.js';
import {frameworkAdapter, type FrameworkName} from '../../source/frameworks/registry.js';

const nativeBench = (name: FrameworkName) => frameworkAdapter(name).nativeBench!;

const options: NativeBenchCommandOptions = {
	baseUrl: 'http://127.0.0.1:30000',
	model: 'Qwen/Qwen3-8B',
	tokenizer: '/models/qwen3',
	endpoint: '/v1/chat/completions',
	datasetPath: null,
	inputLen: 1000,
	outputLen: 200,
	numPrompts: 80,
	requestRate: 4,
	maxConcurrency: 16,
	seed: 1,
	resultFile: '/runs/r1/sglang/c0/chat/result.jsonl',
	extraRequestBody: {temperature: 0},
};

function flagValue(argv: readonly string[], flag: string): string | undefined {
	const index = argv.indexOf(flag);
	return index === -1 ? undefined : argv[index + 1];
}

test('SGLang: sglang-oai-chat, output file with details, fixed lengths as range ratio 1', t => {
	const argv = nativeBench('sglang').renderCommand(options);
	t.deepEqual(argv.slice(0, 3), ['python', '-m', 'sglang.bench_serving']);
	t.is(flagValue(argv, '--backend'), 'sglang-oai-chat');
	t.is(flagValue(argv, '--random-range-ratio'), '1');
	t.is(flagValue(argv, '--output-file'), options.resultFile);
	t.true(argv.includes('--output-details'));
	t.is(flagValue(argv, '--max-concurrency'), '16');
	t.is(flagValue(argv, '--extra-request-body'), '{"temperature":0}');
	const withFile = nativeBench('sglang').renderCommand({
		...options,
		endpoint: '/v1/completions',
		datasetPath: '/runs/r1/workload/chat.jsonl',
		maxConcurrency: null,
		requestRate: 'inf',
	});
	t.is(flagValue(withFile, '--backend'), 'sglang-oai');
	t.is(flagValue(withFile, '--dataset-name'), 'autobench');
	t.is(flagValue(withFile, '--request-rate'), 'inf');
	t.false(withFile.includes('--max-concurrency'));
});

test('vLLM: all four percentile metrics at 50,90,95,99, saved result, range translated', t => {
	const argv = nativeBench('vllm').renderCommand(options);
	t.deepEqual(argv.slice(0, 3), ['vllm', 'bench', 'serve']);
	t.is(flagValue(argv, '--backend'), 'openai-chat');
	t.is(flagValue(argv, '--endpoint'), '/v1/chat/completions');
	t.is(flagValue(argv, '--percentile-metrics'), 'ttft,tpot,itl,e2el');
	t.is(flagValue(argv, '--metric-percentiles'), '50,90,95,99');
	t.true(argv.includes('--save-result') && argv.includes('--ignore-eos'));
	t.is(flagValue(argv, '--result-dir'), '/runs/r1/sglang/c0/chat');
	t.is(flagValue(argv, '--result-filename'), 'result.jsonl');
	t.is(flagValue(argv, '--random-range-ratio'), '0');
	// SGLang convention r = 0.5 on 1000 → [500, 1000]; vLLM midpoint 750 ± 1/3.
	const ranged = nativeBench('vllm').renderCommand({...options, rangeRatio: 0.5});
	t.is(flagValue(ranged, '--random-input-len'), '750');
	const ratio = Number(flagValue(ranged, '--random-range-ratio'));
	t.true(Math.abs(750 * (1 - ratio) - 500) < 1 && Math.abs(750 * (1 + ratio) - 1000) < 1);
});

test('TensorRT-LLM: openai backend, random ids, host and port from the URL', t => {
	const argv = nativeBench('tensorrt_llm').renderCommand({...options, endpoint: '/v1/completions'});
	t.deepEqual(argv.slice(0, 3), ['python', '-m', 'tensorrt_llm.serve.scripts.benchmark_serving']);
	t.is(flagValue(argv, '--backend'), 'openai');
	t.true(argv.includes('--random-ids') && argv.includes('--ignore-eos'));
	t.is(flagValue(argv, '--host'), '127.0.0.1');
	t.is(flagValue(argv, '--port'), '30000');
	t.is(flagValue(argv, '--metric-percentiles'), '50,90,95,99');
});

/** Finding 10: the vLLM and TensorRT-LLM commands read the canonical workload when their file datasets can. */
const textRows = [
	{prompt: 'What is the capital of India?', output_len: 32},
	{prompt: 'It\'s "quoted"\nover two lines', output_len: 32},
];
const chatRows = textRows.map(row => ({...row, prompt: [{role: 'user', content: row.prompt}]}));

test('vLLM: custom dataset of {"prompt"} lines, one output length, no chat template, no shuffle', t => {
	const vllm = nativeBench('vllm');
	for (const [rows, endpoint] of [
		[textRows, '/v1/completions'],
		[chatRows, '/v1/chat/completions'],
	] as const) {
		const dataset = vllm.dataset(rows, endpoint);
		t.is(dataset.reads, 'derived');
		const lines =
			dataset.reads === 'derived'
				? dataset.text
						.trimEnd()
						.split('\n')
						.map(line => JSON.parse(line) as unknown)
				: [];
		t.deepEqual(lines, [{prompt: textRows[0]!.prompt}, {prompt: textRows[1]!.prompt}]);
	}

	const argv = vllm.renderCommand({...options, datasetPath: '/runs/r1/workload/native/vllm-chat.jsonl', outputLen: 32});
	t.is(flagValue(argv, '--dataset-name'), 'custom');
	t.is(flagValue(argv, '--dataset-path'), '/runs/r1/workload/native/vllm-chat.jsonl');
	t.is(flagValue(argv, '--custom-output-len'), '32');
	t.true(argv.includes('--skip-chat-template') && argv.includes('--disable-shuffle') && argv.includes('--ignore-eos'));
	t.false(
		argv.some(arg => arg.startsWith('--random-')),
		argv.join(' '),
	);
	t.is(flagValue(argv, '--num-prompts'), '80');
});

test('vLLM: says exactly why it must draw its own prompts (token ids, several messages, mixed output lengths, per-row fields)', t => {
	const vllm = nativeBench('vllm');
	const why = (rows: Parameters<typeof vllm.dataset>[0], endpoint: '/v1/completions' | '/v1/chat/completions' = '/v1/completions') => {
		const dataset = vllm.dataset(rows, endpoint);
		return dataset.reads === 'own' ? dataset.why : `reads ${dataset.reads}`;
	};
	t.regex(why([{prompt: [101, 2023, 2003], output_len: 8}]), /takes text prompts only; this workload's prompts are token ids \(row 1/);
	t.regex(
		why(
			[
				{
					prompt: [
						{role: 'system', content: 'be brief'},
						{role: 'user', content: 'hi'},
					],
					output_len: 8,
				},
			],
			'/v1/chat/completions',
		),
		/one user message; row 1 on \/v1\/chat\/completions has 2 message\(s\) \(system, user\)/,
	);
	t.regex(
		why([
			{prompt: 'a', output_len: 8},
			{prompt: 'b', output_len: 16},
		]),
		/--custom-output-len gives every request one output length; this workload's rows ask for 8–16 tokens/,
	);
	t.regex(why([{prompt: 'a', output_len: 8, extra_request_body: {top_k: 5}}]), /row 1 carries its own \(extra_request_body\)/);
	t.regex(why([]), /no rows/);
	// Without a file the command keeps the random dataset of the same lengths.
	t.is(flagValue(vllm.renderCommand(options), '--dataset-name'), 'random');
});

test('TensorRT-LLM: trtllm_custom lines with the prompt as messages[1] and each row its own max_tokens', t => {
	const trt = nativeBench('tensorrt_llm');
	const rows = [textRows[0]!, {...textRows[1]!, output_len: 64}];
	const dataset = trt.dataset(rows, '/v1/completions');
	t.is(dataset.reads, 'derived');
	const lines =
		dataset.reads === 'derived'
			? dataset.text
					.trimEnd()
					.split('\n')
					.map(line => JSON.parse(line) as {input: {messages: Array<{content: string}>; max_tokens: number}})
			: [];
	t.deepEqual(
		lines.map(line => [line.input.messages[1]!.content, line.input.max_tokens]),
		[
			[textRows[0]!.prompt, 32],
			[textRows[1]!.prompt, 64],
		],
	);
	const argv = trt.renderCommand({...options, datasetPath: '/runs/r1/workload/native/tensorrt_llm-chat.jsonl'});
	t.is(flagValue(argv, '--dataset-name'), 'trtllm_custom');
	t.is(flagValue(argv, '--dataset-path'), '/runs/r1/workload/native/tensorrt_llm-chat.jsonl');
	t.false(argv.includes('--random-ids') || argv.some(arg => arg.startsWith('--random-')), argv.join(' '));
	t.true(argv.includes('--ignore-eos'));
	const tokenIds = trt.dataset([{prompt: [1, 2, 3], output_len: 8}], '/v1/completions');
	t.regex(tokenIds.reads === 'own' ? tokenIds.why : '', /trtllm_custom dataset takes text prompts only/);
});
