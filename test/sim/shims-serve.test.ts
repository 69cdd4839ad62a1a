import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {planFor} from '../../source/sim/launch/plan-for.js';
import type {SimFramework} from '../../source/sim/perf/engine-config.js';
import {mean, simulate} from '../../source/sim/perf/simulate.js';
import {parseWorld} from '../../source/sim/world.js';
import {freePort, launch, runCommand, simEnv, stop, streamRequest, waitReady} from './sim-helpers.js';

const model = 'Qwen/Qwen3-32B';
const world = {gpu_model: 'H100-80GB', gpu_count: 2, time_scale: 1, startup_wall_s: 1.2};

type Case = {framework: SimFramework; command: string; args: (port: number) => string[]; serverArgs: string[]};

const cases: Case[] = [
	{
		framework: 'vllm',
		command: 'vllm',
		args: port => ['serve', model, '--max-model-len', '8192', '--max-num-seqs', '64', '--host', '127.0.0.1', '--port', String(port)],
		serverArgs: [model, '--max-model-len', '8192', '--max-num-seqs', '64'],
	},
	{
		framework: 'sglang',
		command: 'python',
		args: port => [
			'-m',
			'sglang.launch_server',
			'--model-path',
			model,
			'--context-length',
			'8192',
			'--enable-metrics',
			'--host',
			'127.0.0.1',
			'--port',
			String(port),
		],
		serverArgs: ['--model-path', model, '--context-length', '8192', '--enable-metrics'],
	},
	{
		framework: 'tensorrt_llm',
		command: 'trtllm-serve',
		args: port => ['serve', model, '--max_seq_len', '8192', '--kv_cache_free_gpu_memory_fraction', '0.85', '--host', '127.0.0.1', '--port', String(port)],
		serverArgs: [model, '--max_seq_len', '8192', '--kv_cache_free_gpu_memory_fraction', '0.85'],
	},
];

for (const testCase of cases) {
	test(`${testCase.framework}: launched through its shim, ready, /v1/models, chat stream consistent with the model`, async t => {
		const env = simEnv(world);
		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		const server = launch(testCase.command, testCase.args(port), env);
		try {
			const statuses = await waitReady(base, server);
			if (testCase.framework === 'sglang') {
				t.true(statuses.includes(503), `SGLang answers 503 while warming up (saw ${statuses.join(',')})`);
				t.regex(server.log(), /The server is fired up and ready to roll!/);
			} else {
				t.regex(server.log(), /Application startup complete\./);
			}

			const models = (await (await fetch(`${base}/v1/models`)).json()) as {data: Array<{id: string}>};
			t.is(models.data[0]?.id, model);

			const content = 'x'.repeat(2000);
			const outputTokens = 24;
			const timing = await streamRequest(`${base}/v1/chat/completions`, {
				model,
				messages: [{role: 'user', content}],
				max_tokens: outputTokens,
				ignore_eos: true,
				stream: true,
				stream_options: {include_usage: true},
			});
			t.is(timing.contentTimesMs.length, outputTokens);
			const first = timing.events[0] as {choices: Array<{delta: {role?: string; content?: string}}>};
			t.is(first.choices[0]?.delta.role, 'assistant', 'role-only first chunk');
			const usage = timing.events.at(-2) as {usage?: {prompt_tokens: number; completion_tokens: number}};
			t.is(usage.usage?.completion_tokens, outputTokens);
			t.is(timing.events.at(-1), '[DONE]');

			// The model's own prediction for this lone request, in simulated seconds (time_scale 1 = wall).
			// A fresh state dir: in the live one the running server itself occupies the GPU.
			const resolution = planFor(testCase.framework, testCase.serverArgs, parseWorld(JSON.stringify(world)), mkdtempSync(path.join(tmpdir(), 'sim-plan-')));
			if (!resolution.ok) {
				t.fail(resolution.failure.errorLines.join('\n'));
				return;
			}

			const predicted = simulate(resolution.plan.config, [{atS: 0, promptTokens: usage.usage!.prompt_tokens, outputTokens}]);
			const ttft = (timing.contentTimesMs[0]! - timing.startMs) / 1000;
			const itl = (timing.contentTimesMs.at(-1)! - timing.contentTimesMs[0]!) / 1000 / (outputTokens - 1);
			const ttftPredicted = predicted.ttftS[0]!;
			const itlPredicted = mean(predicted.meanItlS);
			t.log(`${testCase.framework}: TTFT ${ttft.toFixed(4)} s (model ${ttftPredicted.toFixed(4)}), ITL ${itl.toFixed(4)} s (model ${itlPredicted.toFixed(4)})`);
			// Never faster than the model; slower only by generous scheduling slack on a busy machine.
			t.true(ttft >= ttftPredicted * 0.8 && ttft <= ttftPredicted * 4 + 0.3, `TTFT ${ttft} vs ${ttftPredicted}`);
			t.true(itl >= itlPredicted * 0.8 && itl <= itlPredicted * 4 + 0.05, `ITL ${itl} vs ${itlPredicted}`);

			// /metrics in the framework's own naming.
			const metrics = await fetch(`${base}/metrics`);
			if (testCase.framework === 'tensorrt_llm') {
				const iterations = (await metrics.json()) as Array<{iter: number; kvCacheStats: {maxNumBlocks: number}}>;
				t.true(iterations.length > 0 && iterations[0]!.kvCacheStats.maxNumBlocks > 0, 'IterationStats JSON');
				t.deepEqual(await (await fetch(`${base}/metrics`)).json(), [], 'drained on read');
				t.regex(await (await fetch(`${base}/prometheus/metrics`)).text(), /^trtllm_generation_tokens_total\{model_name="Qwen\/Qwen3-32B"\} 24$/m);
			} else {
				const prefix = testCase.framework === 'sglang' ? 'sglang:generation_tokens_total' : 'vllm:generation_tokens_total';
				t.regex(await metrics.text(), new RegExp(`^${prefix}\\{[^}]*\\} 24$`, 'm'));
			}

			// nvidia-smi (through the same PATH) shows this server holding memory on GPU 0.
			const apps = await runCommand('nvidia-smi', ['--query-compute-apps=pid,used_memory,gpu_uuid', '--format=csv,noheader,nounits'], env);
			t.is(apps.code, 0);
			t.regex(apps.stdout, new RegExp(`^${server.child.pid}, \\d{5}, GPU-`, 'm'));
		} finally {
			t.is(await stop(server), 0, 'exits cleanly on SIGTERM');
		}

		const after = await runCommand('nvidia-smi', ['--query-gpu=index,memory.used', '--format=csv,noheader,nounits'], env);
		t.is(after.stdout.trim().split('\n')[0], '0, 1', 'deregistered after exit');
	});
}

test('completions: token-id prompts, max_tokens default 16, non-streaming usage, HTTP 400 over the context limit', async t => {
	const env = simEnv({time_scale: 0.05});
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = launch('vllm', ['serve', 'Qwen/Qwen3-8B', '--max-model-len', '1024', '--port', String(port), '--host', '127.0.0.1'], env);
	try {
		await waitReady(base, server);
		// biome-ignore lint/suspicious/noExplicitAny: each route answers its own JSON shape
		const post = async (path: string, body: unknown): Promise<{status: number; json: any}> => {
			const response = await fetch(`${base}${path}`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
			return {status: response.status, json: await response.json()};
		};

		const ids = await post('/v1/completions', {model: 'Qwen/Qwen3-8B', prompt: Array.from({length: 100}, (_, i) => i), ignore_eos: true});
		t.is(ids.status, 200);
		t.is(ids.json.usage.prompt_tokens, 100);
		t.is(ids.json.usage.completion_tokens, 16);
		t.is(ids.json.choices[0].finish_reason, 'length');

		const over = await post('/v1/completions', {model: 'Qwen/Qwen3-8B', prompt: Array.from({length: 1000}, () => 5), max_tokens: 100});
		t.is(over.status, 400);
		t.regex(over.json.error.message, /This model's maximum context length is 1024 tokens\. However, you requested 1100 tokens/);

		const chat = await post('/v1/chat/completions', {model: 'Qwen/Qwen3-8B', messages: [{role: 'user', content: 'hello'}], max_tokens: 5});
		t.is(chat.status, 200);
		t.is(chat.json.object, 'chat.completion');
		t.true(chat.json.usage.completion_tokens <= 5);

		const metrics = await (await fetch(`${base}/metrics`)).text();
		t.regex(metrics, /^vllm:generation_tokens_total\{engine="0",model_name="Qwen\/Qwen3-8B"\} \d+/m);
		t.regex(metrics, /^vllm:kv_cache_usage_perc\{/m);
		t.deepEqual(await (await fetch(`${base}/version`)).json(), {version: '0.33.0'});
	} finally {
		await stop(server);
	}
});
