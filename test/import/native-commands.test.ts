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
