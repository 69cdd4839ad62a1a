import {readFile} from 'node:fs/promises';
import test from 'ava';
import {fillFromDetails, latencyFrom, parsePythonJson} from '../../source/native/native-result.js';
import {frameworkAdapter, type FrameworkName} from '../../source/frameworks/registry.js';

const nativeBench = (name: FrameworkName) => frameworkAdapter(name).nativeBench!;

const fixture = async (name: string) => readFile(new URL(`../fixtures/native/${name}`, import.meta.url), 'utf8');

test('SGLang (real file): bare Infinity, appended runs, details-derived percentiles agree with the file', async t => {
	const results = nativeBench('sglang').parseResultFile(await fixture('sglang-output-details.jsonl'));
	t.is(results.length, 2);
	const [burst, steady] = results;
	t.is(burst!.requestRate, 'inf');
	t.is(steady!.requestRate, 10);
	t.is(burst!.numPrompts, 20);
	t.is(burst!.inputLen, 32);
	t.is(burst!.outputLen, 16);
	t.like(burst!.metrics, {
		completed: 20,
		failed: 0,
		success_rate: 1,
		request_goodput: null,
		mean_ttft_ms: 35.21819919999416,
		p50_ttft_ms: 34.85424999996667,
		p99_e2e_ms: 117.59603094003977,
	});
	// Old files have no p90/p95 TTFT: derived from the `ttfts` detail list with numpy percentiles.
	t.true(burst!.metrics.p90_ttft_ms! > 34 && burst!.metrics.p90_ttft_ms! < 41);
	// Where the file has the value, recomputing from details gives the same number (same formula).
	const record = parsePythonJson((await fixture('sglang-output-details.jsonl')).split('\n')[0]!, 'line 1') as Record<string, unknown>;
	const derived = latencyFrom({}, 'e2e_latency');
	fillFromDetails(derived, record);
	t.true(Math.abs(derived.p99_ttft_ms! - (record.p99_ttft_ms as number)) < 1e-9);
	t.true(Math.abs(derived.p95_itl_ms! - (record.p95_itl_ms as number)) < 1e-9);
	t.true(Math.abs(derived.mean_itl_ms! - (record.mean_itl_ms as number)) < 1e-9);
	// total throughput is not in old files: (input + output tokens) / duration.
	t.true(Math.abs(burst!.metrics.total_token_throughput! - 960 / 0.13167442000008123) < 1e-6);
});

test('SGLang (newest fields): NaN becomes null, failed computed from the detail lists', async t => {
	const [ok, failed] = nativeBench('sglang').parseResultFile(await fixture('sglang-newest.jsonl'));
	t.like(ok!.metrics, {p90_e2e_ms: 2380.2, p95_ttft_ms: 131.9, total_token_throughput: 4903.4, failed: null, success_rate: null});
	t.is(ok!.maxConcurrency, 16);
	t.is(failed!.requestRate, 'inf');
	t.like(failed!.metrics, {completed: 0, failed: 3, success_rate: 0, mean_e2e_ms: null, p99_e2e_ms: null});
	t.deepEqual(nativeBench('sglang').parseResultFile(''), []);
	t.throws(() => nativeBench('sglang').parseResultFile('{"completed": 3,'), {message: /line 1: not valid JSON/});
});

test('vLLM: JSON object and appended JSONL, "inf" rate, goodput, e2el keys', async t => {
	const [result] = nativeBench('vllm').parseResultFile(await fixture('vllm-result.json'));
	t.like(result!, {requestRate: 8, maxConcurrency: null, numPrompts: 200, model: 'Qwen/Qwen3-8B'});
	t.like(result!.metrics, {
		completed: 198,
		failed: 2,
		success_rate: 0.99,
		request_goodput: 6.95,
		total_token_throughput: 9446.4,
		p50_ttft_ms: 55.9,
		p90_itl_ms: 18.3,
		p99_e2e_ms: 4210.9,
		mean_e2e_ms: 3652,
	});
	t.is(result!.inputLen, Math.round(203520 / 198));
	const appended = nativeBench('vllm').parseResultFile(await fixture('vllm-append.jsonl'));
	t.is(appended.length, 2);
	t.is(appended[1]!.requestRate, 'inf');
	t.is(appended[1]!.metrics.request_goodput, null);
});

test('TensorRT-LLM: the "request_goodput:" key, failed from num_prompts − completed', async t => {
	const [result] = nativeBench('tensorrt_llm').parseResultFile(await fixture('trtllm-result.json'));
	t.like(result!, {requestRate: 'inf', maxConcurrency: 32, numPrompts: 100});
	t.like(result!.metrics, {request_goodput: 5.9, completed: 97, failed: 3, success_rate: 0.97, p50_e2e_ms: 2460.2, p95_tpot_ms: 20.4});
});
