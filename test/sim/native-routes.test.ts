import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {planFor} from '../../source/sim/launch/plan-for.js';
import {Batcher} from '../../source/sim/perf/batcher.js';
import {EngineClock} from '../../source/sim/server/engine-clock.js';
import {flavors} from '../../source/sim/server/flavor.js';
import {SimHttpServer} from '../../source/sim/server/http-server.js';
import {parseWorld} from '../../source/sim/world.js';
import {freePort, launch, simEnv, stop, streamRequest, waitReady} from './sim-helpers.js';

const model = 'Qwen/Qwen3-32B';
const world = {gpu_model: 'H100-80GB', gpu_count: 1, time_scale: 1, startup_wall_s: 0.3};
const ids = (count: number, from = 1000): number[] => Array.from({length: count}, (_, index) => from + index);

type Generated = {
	text: string;
	output_ids: number[];
	meta_info: {id: string; finish_reason: {type: string; length?: number} | null; prompt_tokens: number; completion_tokens: number; cached_tokens: number};
};

async function generate(base: string, body: unknown): Promise<{status: number; json: unknown}> {
	const response = await fetch(`${base}/generate`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
	return {status: response.status, json: await response.json()};
}

test('SGLang through its shim: /generate (plain and streamed as bench_serving reads it), /server_info, /get_server_info, /flush_cache empties the radix cache', async t => {
	const env = simEnv(world);
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = launch(
		'python',
		['-m', 'sglang.launch_server', '--model-path', model, '--context-length', '8192', '--host', '127.0.0.1', '--port', String(port)],
		env,
	);
	try {
		await waitReady(base, server);

		for (const route of ['/server_info', '/get_server_info']) {
			const info = (await (await fetch(`${base}${route}`)).json()) as {
				version: string;
				model_path: string;
				max_total_num_tokens: number;
				disable_radix_cache: boolean;
				internal_states: unknown[];
			};
			t.is(info.model_path, model, route);
			t.regex(info.version, /^\d+\.\d+/, route);
			t.true(info.max_total_num_tokens > 0, route);
			t.false(info.disable_radix_cache, route);
			t.is(info.internal_states.length, 1, route);
		}

		// The body bench_serving --backend sglang sends, not streamed: the whole answer in one JSON.
		const body = {
			input_ids: ids(64),
			sampling_params: {temperature: 0, max_new_tokens: 6, ignore_eos: true},
			stream: false,
			lora_path: null,
			return_logprob: false,
			logprob_start_len: -1,
		};
		const first = await generate(base, body);
		t.is(first.status, 200);
		const cold = first.json as Generated;
		t.is(cold.meta_info.prompt_tokens, 64);
		t.is(cold.meta_info.completion_tokens, 6);
		t.is(cold.output_ids.length, 6);
		t.deepEqual(cold.meta_info.finish_reason, {type: 'length', length: 6});
		t.is(cold.meta_info.cached_tokens, 0, 'a cold cache');
		const warm = (await generate(base, body)).json as Generated;
		t.is(warm.meta_info.cached_tokens, 63, 'the repeat hits all but the last prompt token');

		// Streamed: each event carries the text so far and completion_tokens, as bench_serving reads them.
		const streamed = await streamRequest(`${base}/generate`, {
			text: 'The quick brown fox jumps over the lazy dog. '.repeat(8),
			sampling_params: {max_new_tokens: 12, ignore_eos: true},
			stream: true,
		});
		t.is(streamed.events.at(-1), '[DONE]');
		const chunks = streamed.events.slice(0, -1) as Generated[];
		t.deepEqual(
			chunks.map(chunk => chunk.meta_info.completion_tokens),
			ids(12, 1),
		);
		t.true(
			chunks.every((chunk, index) => index === 0 || chunk.text.startsWith(chunks[index - 1]!.text)),
			'the text is cumulative',
		);
		t.is(chunks.at(-1)!.meta_info.finish_reason?.type, 'length');
		t.true(chunks.slice(0, -1).every(chunk => chunk.meta_info.finish_reason === null));

		// A flush is refused while a request runs, and empties the cache once idle.
		const long = generate(base, {input_ids: ids(32, 5000), sampling_params: {max_new_tokens: 120, ignore_eos: true}});
		await new Promise(resolve => setTimeout(resolve, 150));
		const busy = await fetch(`${base}/flush_cache`, {method: 'POST'});
		t.is(busy.status, 400, 'running requests: not flushed');
		await long;
		const flushed = await fetch(`${base}/flush_cache`, {method: 'POST'});
		t.is(flushed.status, 200);
		t.regex(await flushed.text(), /^Cache flushed\./);
		const after = (await generate(base, body)).json as Generated;
		t.is(after.meta_info.cached_tokens, 0, 'the flush emptied the prefix cache');

		// Rejections in SGLang's shapes: a 400 {"error": {"message"}}, or a 200 error event when streaming.
		const both = await generate(base, {text: 'hi', input_ids: [1, 2]});
		t.is(both.status, 400);
		t.deepEqual(both.json, {error: {message: 'Exactly one of text, input_ids, or input_embeds should be provided.'}});
		const over = await fetch(`${base}/generate`, {method: 'POST', body: JSON.stringify({input_ids: ids(9000), stream: true})});
		t.is(over.status, 200);
		t.regex(
			await over.text(),
			/^data: \{"error":\{"message":"The input \(9000 tokens\) is longer than the model's context length \(8192 tokens\)\."\}\}\n\ndata: \[DONE\]\n\n$/,
		);
	} finally {
		await stop(server);
	}
});

/** A vLLM server in this process (no HTTP startup pacing), for the dev-mode route and the cache state. */
async function vllmServer(t: {teardown: (fn: () => void) => void}, argv: string[]): Promise<{base: string; http: SimHttpServer}> {
	const resolution = planFor(
		'vllm',
		[model, '--max-model-len', '4096', ...argv],
		parseWorld(JSON.stringify(world)),
		mkdtempSync(path.join(tmpdir(), 'sim-plan-')),
	);
	if (!resolution.ok) throw new Error(resolution.failure.errorLines.join('\n'));
	const {plan} = resolution;
	const http = new SimHttpServer({
		flavor: flavors.vllm,
		servedModel: plan.servedModel,
		root: plan.modelPath,
		version: plan.version,
		maxContext: plan.maxContext,
		maxPromptTokens: null,
		enableMetrics: true,
		heldBytes: 0,
		prefixCaching: plan.prefixCaching ?? true,
	});
	const clock = new EngineClock(new Batcher(plan.config, plan.memory.kvTokens), 1, (emissions, now) => http.deliver(emissions, now));
	http.attach(clock);
	http.ready = true;
	await new Promise<void>(resolve => http.server.listen(0, '127.0.0.1', resolve));
	t.teardown(() => {
		clock.stop();
		http.close();
	});
	const address = http.server.address();
	return {base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, http};
}

const complete = async (base: string): Promise<void> => {
	const response = await fetch(`${base}/v1/completions`, {
		method: 'POST',
		headers: {'content-type': 'application/json'},
		body: JSON.stringify({model, prompt: ids(48), max_tokens: 2, ignore_eos: true}),
	});
	await response.json();
};

test.serial('vLLM /reset_prefix_cache: a development route (404 without VLLM_SERVER_DEV_MODE=1), then 200 and an empty cache', async t => {
	const saved = process.env.VLLM_SERVER_DEV_MODE;
	t.teardown(() => {
		if (saved === undefined) delete process.env.VLLM_SERVER_DEV_MODE;
		else process.env.VLLM_SERVER_DEV_MODE = saved;
	});
	const {base, http} = await vllmServer(t, []);
	await complete(base);
	t.is(http.prefixCache.stats.pages, 3, 'a 48-token prompt left three 16-token pages');
	await complete(base);
	t.is(http.prefixCache.stats.hitTokens, 47, 'the repeat hit');

	delete process.env.VLLM_SERVER_DEV_MODE;
	t.is((await fetch(`${base}/reset_prefix_cache`, {method: 'POST'})).status, 404);
	process.env.VLLM_SERVER_DEV_MODE = '1';
	t.is((await fetch(`${base}/reset_prefix_cache`)).status, 405, 'POST only');
	const reset = await fetch(`${base}/reset_prefix_cache`, {method: 'POST'});
	t.is(reset.status, 200);
	t.is(await reset.text(), '');
	t.is(http.prefixCache.stats.pages, 0);
	await complete(base);
	t.is(http.prefixCache.stats.hitTokens, 47, 'no new hits after the reset');
});

test.serial('vLLM with --no-enable-prefix-caching keeps nothing to hit', async t => {
	const {base, http} = await vllmServer(t, ['--no-enable-prefix-caching']);
	await complete(base);
	await complete(base);
	t.is(http.prefixCache.stats.hitTokens, 0);
	t.is(http.prefixCache.stats.queriedTokens, 96);
});
