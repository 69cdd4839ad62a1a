import {readFileSync} from 'node:fs';
import test from 'ava';
import type {BenchOptions, WorkloadRow} from '../../source/bench/bench-types.js';
import {portableBodyStyle, requestBody} from '../../source/bench/request-body.js';
import {runBenchmark} from '../../source/bench/run-benchmark.js';
import {frameworkAdapter, frameworkNames} from '../../source/frameworks/registry.js';
import {rejectRequestBody} from '../../source/sim/server/request-validation.js';
import {freePort, launch, simEnv, stop, waitReady} from '../sim/sim-helpers.js';

/** Finding 1: request bodies per adapter; the simulated TensorRT-LLM validates them like the real one. */

const real = (name: string) => readFileSync(new URL(`../fixtures/real/${name}`, import.meta.url), 'utf8');
const model = 'Qwen/Qwen3-8B';
const row: WorkloadRow = {prompt: 'hello there', output_len: 8};
const options = (endpoint: BenchOptions['endpoint'], bodyStyle = portableBodyStyle): BenchOptions => ({
	baseUrl: 'http://x',
	model,
	endpoint,
	rows: [row],
	requestRate: 1,
	bodyStyle,
});
const parse = (text: string) => JSON.parse(text) as Record<string, unknown>;
const trtllmStyle = frameworkAdapter('tensorrt_llm').requestBody!;

test("the body we used to send (both limit spellings) gets exactly TensorRT-LLM's real 400", t => {
	const old = {
		model,
		messages: [{role: 'user', content: 'hi'}],
		stream: true,
		stream_options: {include_usage: true},
		max_tokens: 8,
		max_completion_tokens: 8,
		min_tokens: 8,
		ignore_eos: true,
		temperature: 0,
	};
	t.deepEqual(rejectRequestBody('tensorrt_llm', true, old), JSON.parse(real('sse/trtllm-400-extra-forbidden.json')));
	t.is(rejectRequestBody('vllm', true, old), null, 'vLLM allows extra fields');
	t.is(rejectRequestBody('sglang', true, old), null, 'SGLang ignores extra fields');
});

test("every framework's chat and completions body names exactly one output limit and passes TensorRT-LLM's models", t => {
	for (const [framework, style] of [
		...frameworkNames.map(name => [name, frameworkAdapter(name).requestBody ?? portableBodyStyle] as const),
		['portable', portableBodyStyle] as const,
	]) {
		for (const endpoint of ['/v1/chat/completions', '/v1/completions'] as const) {
			const body = parse(requestBody(options(endpoint, style), row));
			const limits = ['max_tokens', 'max_completion_tokens'].filter(key => key in body);
			t.is(limits.length, 1, `${framework} ${endpoint}: ${limits.join(', ')}`);
			t.is(body.min_tokens, 8);
			t.is(body.ignore_eos, true);
		}
	}

	const trtllm = trtllmStyle;
	t.is(rejectRequestBody('tensorrt_llm', true, parse(requestBody(options('/v1/chat/completions', trtllm), row))), null);
	t.is(rejectRequestBody('tensorrt_llm', false, parse(requestBody(options('/v1/completions', trtllm), row))), null);
	t.true('max_tokens' in parse(requestBody(options('/v1/chat/completions', trtllm), row)), 'the alias every release accepts');
});

test('an extra body naming the other limit spelling replaces ours instead of doubling it', t => {
	const body = parse(requestBody({...options('/v1/chat/completions', trtllmStyle), extraRequestBody: {max_completion_tokens: 5}}, row));
	t.false('max_tokens' in body);
	t.is(body.max_completion_tokens, 5);
});

test("simulated TensorRT-LLM: unknown fields, nested stream_options extras and missing fields are 400s in pydantic's words", t => {
	const unknown = rejectRequestBody('tensorrt_llm', false, {model, prompt: 'x', foo: 1}) as {message: string; code: number};
	t.is(unknown.code, 400);
	t.is(unknown.message, '[{"type": "extra_forbidden", "loc": ["body", "foo"], "msg": "Extra inputs are not permitted", "input": 1}]');
	const nested = rejectRequestBody('tensorrt_llm', true, {model, messages: [], stream: true, stream_options: {include_usage: true, bogus: true}}) as {
		message: string;
	};
	t.regex(nested.message, /"loc": \["body", "stream_options", "bogus"\]/);
	const missing = rejectRequestBody('tensorrt_llm', false, {prompt: 'x'}) as {message: string};
	t.regex(missing.message, /"type": "missing", "loc": \["body", "model"\], "msg": "Field required"/);
	t.is(rejectRequestBody('tensorrt_llm', true, {model, messages: [], max_completion_tokens: 4}), null, 'the field name alone is accepted (populate_by_name)');
	t.is(rejectRequestBody('tensorrt_llm', false, {model, prompt: 'x', max_completion_tokens: 4}) !== null, true, 'completions has no max_completion_tokens');
});

test('bench on /v1/chat/completions against the simulated TensorRT-LLM succeeds for every request (adapter and portable bodies)', async t => {
	const env = simEnv({gpu_model: 'H100-80GB', gpu_count: 1, time_scale: 0.05});
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const server = launch('trtllm-serve', ['serve', model, '--max_seq_len', '4096', '--host', '127.0.0.1', '--port', String(port)], env);
	try {
		await waitReady(baseUrl, server);
		const rows = Array.from({length: 6}, (_, index): WorkloadRow => ({prompt: `question ${index} ${'word '.repeat(40)}`, output_len: 12}));
		for (const bodyStyle of [trtllmStyle, portableBodyStyle]) {
			const summary = await runBenchmark({
				baseUrl,
				model,
				endpoint: '/v1/chat/completions',
				rows,
				requestRate: Number.POSITIVE_INFINITY,
				bodyStyle,
				timeScale: 0.05,
			});
			t.is(summary.completed, rows.length, JSON.stringify(summary.errors));
			t.is(summary.failed, 0);
		}

		// The body we used to send is refused by the server itself, not just by the validator function.
		const response = await fetch(`${baseUrl}/v1/chat/completions`, {
			method: 'POST',
			headers: {'content-type': 'application/json'},
			body: JSON.stringify({model, messages: [{role: 'user', content: 'hi'}], max_tokens: 8, max_completion_tokens: 8}),
		});
		t.is(response.status, 400);
		t.deepEqual(await response.json(), JSON.parse(real('sse/trtllm-400-extra-forbidden.json')));
	} finally {
		await stop(server);
	}
});
