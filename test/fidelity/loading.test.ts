import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {createBus} from '../../source/engine/bus.js';
import {launchServer} from '../../source/engine/launch-server.js';
import {pullProgress} from '../../source/engine/pull-progress.js';
import {startSession} from '../../source/engine/start-session.js';
import {createExecutor} from '../../source/executors/create-executor.js';
import type {EngineEvent} from '../../source/events.js';
import {frameworkAdapter} from '../../source/frameworks/registry.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import {runInputs, simBin, tempDir, writePlan} from '../engine/sim-fixture.js';
import {freePort, simEnv} from '../sim/sim-helpers.js';

/** Finding 4: weight loading takes model-size time with visible progress; image pulls are their own step. */

async function launchVllm(model: string, world: Record<string, unknown>) {
	const env = simEnv(world);
	const dir = tempDir('load');
	const executor = createExecutor(parseRecipe({kind: 'local'}, path.join(dir, 'r.yaml')), {env});
	const port = await freePort();
	const bus = createBus();
	const started = Date.now();
	const result = await launchServer({
		executor,
		runtime: frameworkAdapter('vllm').runtime,
		spec: {
			argv: ['vllm', 'serve', model, '--max-model-len', '4096', '--host', '127.0.0.1', '--port', String(port)],
			name: 'load',
			gpuIds: null,
			framework: 'vllm',
		},
		baseUrl: `http://127.0.0.1:${port}`,
		candidateId: 'c',
		logFile: path.join(dir, 'server.log'),
		redact: text => text,
		bus,
		readyTimeoutMs: 60_000,
		pollMs: 50,
		signal: new AbortController().signal,
	});
	const wallMs = Date.now() - started;
	await result.server.stop();
	const details = bus.history.flatMap(event => (event.type === 'server-phase' && event.phase === 'loading' && event.detail ? [event.detail] : []));
	const log = fs.readFileSync(path.join(dir, 'server.log'), 'utf8');
	// The 100 % line's elapsed clock: simulated seconds spent reading the checkpoint.
	const clock = /100% Completed \| \d+\/\d+ \[(\d+):(\d+)</.exec(log);
	const loadS = clock ? Number(clock[1]) * 60 + Number(clock[2]) : null;
	return {ok: result.ok, wallMs, details, loadS};
}

test.serial('simulated weight loading: a bigger model loads longer, and the engine shows shard progress while loading', async t => {
	const world = {gpu_model: 'H100-80GB', gpu_count: 1, time_scale: 0.02, startup_wall_s: 0.2, weight_load_gbps: 2};
	const small = await launchVllm('Qwen/Qwen3-8B', world);
	const big = await launchVllm('Qwen/Qwen3-32B', world);
	t.true(small.ok && big.ok);
	t.regex(big.details.at(-1) ?? '', /^loading weights: 100% \(\d+\/\d+ shards\)$/);
	t.true(big.details.length > small.details.length, `${big.details.length} vs ${small.details.length} progress steps`);
	const percents = big.details.map(detail => Number(/(\d+)%/.exec(detail)![1]));
	t.deepEqual(
		percents,
		[...percents].sort((a, b) => a - b),
		'progress only goes up',
	);
	// Checkpoint GB / 2 GB/s: ~8 s for 8B, ~33 s for 32B, in simulated seconds (wall = × time_scale).
	t.true(small.loadS !== null && big.loadS !== null && big.loadS > small.loadS * 3, `${big.loadS} s vs ${small.loadS} s`);
	t.true(big.wallMs >= big.loadS! * 0.02 * 1000, 'never faster than the simulated load time');
	t.log(`8B: ${small.loadS} s simulated load, ready in ${small.wallMs} ms wall; 32B: ${big.loadS} s, ${big.wallMs} ms (time_scale 0.02, 2 GB/s)`);
});

test.serial(
	'docker recipe: an absent image is pulled in its own preflight step with live layer progress; a present one is reported as already present',
	async t => {
		const image = 'vllm/vllm-openai:v0.11.0';
		for (const absent of [true, false]) {
			const dir = tempDir('pull');
			const recipe = parseRecipe(
				{kind: 'docker', path_prepend: [simBin], hf_cache: null, pull_timeout_s: 600, frameworks: {vllm: {image}}},
				path.join(dir, 'r.yaml'),
			);
			// A 100 s pull (2 s wall): its six layers complete one by one.
			const world = {
				gpu_model: 'H100-80GB',
				gpu_count: 1,
				time_scale: 0.02,
				startup_wall_s: 0.2,
				seed: 1,
				absent_images: absent ? [image] : [],
				image_pull_s: 100,
			};
			const env = {...simEnv(world), LLM_BENCH_SIM_WORLD: JSON.stringify(world)};
			const plan = `model:\n  name: Qwen/Qwen3-8B\nhardware:\n  gpu_model: H100-80GB\n  gpu_count: 1\ndataset:\n  kind: random\n  num_prompts: 6\n  scenario_names: [chat]\n  input_len: [64]\n  output_len: [8]\nbenchmark:\n  endpoint: /v1/completions\n  max_concurrency: [null]\n  request_rates: [inf]\nsla:\n  max_p99_ttft_ms: 60000\n  max_p99_tpot_ms: 10000\n  min_success_rate: 0.5\nsearch:\n  max_candidates_per_framework: 1\nframeworks:\n  vllm:\n    enabled: true\n    base_server_flags:\n      max_model_len: 4096\n`;
			const session = startSession({
				...(await runInputs(writePlan(dir, plan), recipe, path.join(dir, 'runs'))),
				deps: {env, gpuPollMs: 60_000, stopGraceMs: 2000},
			});
			await session.done;
			const checks = session.history.filter(
				(e): e is Extract<EngineEvent, {type: 'preflight-check'}> => e.type === 'preflight-check' && e.id === 'image-vllm' && e.status !== 'running',
			);
			t.is(checks.length, 1);
			t.is(checks[0]!.status, 'passed');
			t.regex(checks[0]!.detail ?? '', absent ? /pulled in \d+ s/ : /already present/);
			// While it pulls, the running check carries docker's layer count, only going up.
			const live = session.history.flatMap(e =>
				e.type === 'preflight-check' && e.id === 'image-vllm' && e.status === 'running' && e.detail ? [e.detail] : [],
			);
			if (absent) {
				t.true(live.length >= 2, live.join(' | '));
				t.true(
					live.every(detail => /^pulling vllm\/vllm-openai:v0\.11\.0: \d\/\d layers done(, \d downloading)?$/.test(detail)),
					live.join(' | '),
				);
				const done = live.map(detail => Number(/(\d)\/\d/.exec(detail)![1]));
				t.deepEqual(
					done,
					[...done].sort((a, b) => a - b),
				);
				t.true(done.at(-1)! > done[0]!, live.join(' | '));
				t.regex(live.at(-1)!, /\/6 layers/);
			} else t.deepEqual(live, []);
			const order = session.history.filter(e => e.type === 'preflight-check' && e.status === 'running').map(e => (e as {id: string}).id);
			t.true(order.indexOf('image-vllm') < order.indexOf('help-vllm'), 'before the help capture and its 300 s limit');
		}
	},
);

test('docker pull layer lines (no terminal) become "k/n layers done" progress', t => {
	const seen: string[] = [];
	const feed = pullProgress(detail => seen.push(detail));
	for (const line of [
		'v0.11.0: Pulling from vllm/vllm-openai',
		'a1b2c3d4e5f6: Already exists',
		'0123456789ab: Pulling fs layer',
		'fedcba987654: Waiting',
		'0123456789ab: Verifying Checksum',
		'0123456789ab: Download complete',
		'0123456789ab: Pull complete',
		'fedcba987654: Pull complete',
		'Digest: sha256:0000',
	])
		feed(line);
	t.deepEqual(seen, [
		'1/1 layers done (1 already present)',
		'1/2 layers done (1 already present)',
		'1/3 layers done (1 already present)',
		'1/3 layers done (1 already present), 1 downloading',
		'1/3 layers done (1 already present)',
		'2/3 layers done (1 already present)',
		'3/3 layers done (1 already present)',
	]);
});
