import {createServer} from 'node:http';
import path from 'node:path';
import test from 'ava';
import {createBus} from '../../source/engine/bus.js';
import {launchServer} from '../../source/engine/launch-server.js';
import {createExecutor} from '../../source/executors/create-executor.js';
import {frameworkAdapter} from '../../source/frameworks/registry.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import {tempDir} from '../engine/sim-fixture.js';
import {freePort, launch, simEnv, stop} from '../sim/sim-helpers.js';

/** Finding 6: SGLang is ready when /health answers 200, not when /v1/models does (it does during warm-up). */

test('simulated SGLang: during warm-up /v1/models already answers 200 while /health and /health_generate answer 503', async t => {
	const env = simEnv({gpu_model: 'H100-80GB', gpu_count: 1, time_scale: 0.05, startup_wall_s: 3});
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = launch(
		'python',
		['-m', 'sglang.launch_server', '--model-path', 'Qwen/Qwen3-8B', '--context-length', '4096', '--host', '127.0.0.1', '--port', String(port)],
		env,
	);
	const status = async (route: string): Promise<number | null> =>
		fetch(`${base}${route}`).then(
			async response => {
				await response.body?.cancel();
				return response.status;
			},
			() => null,
		);
	try {
		const seen: string[] = [];
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline) {
			const [models, health, generate] = [await status('/v1/models'), await status('/health'), await status('/health_generate')];
			seen.push(`${models}/${health}/${generate}`);
			if (health === 200) break;
			await new Promise(resolve => setTimeout(resolve, 20));
		}

		t.true(seen.includes('200/503/503'), `models/health/health_generate seen: ${[...new Set(seen)].join(' ')}`);
		t.is(seen.at(-1), '200/200/200');
		t.regex(server.log(), /The server is fired up and ready to roll!/);
	} finally {
		await stop(server);
	}
});

test('the engine waits for /health 200 even when /v1/models answers 200 earlier (SGLang warming up)', async t => {
	const warmUpMs = 1500;
	const started = Date.now();
	const http = createServer((req, res) => {
		if (req.url === '/health') res.writeHead(Date.now() - started < warmUpMs ? 503 : 200).end();
		else if (req.url === '/v1/models') res.writeHead(200, {'content-type': 'application/json'}).end('{"object":"list","data":[{"id":"m"}]}');
		else res.writeHead(404).end();
	});
	await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
	t.teardown(() => http.close());
	const address = http.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const dir = tempDir('ready');
	const executor = createExecutor(parseRecipe({kind: 'local'}, path.join(dir, 'r.yaml')), {env: process.env});
	const bus = createBus();
	const result = await launchServer({
		executor,
		runtime: frameworkAdapter('sglang').runtime,
		spec: {argv: ['sleep', '30'], name: 'ready-test', gpuIds: null, framework: 'sglang'},
		baseUrl: `http://127.0.0.1:${port}`,
		candidateId: 'c',
		logFile: path.join(dir, 'server.log'),
		redact: text => text,
		bus,
		readyTimeoutMs: 20_000,
		pollMs: 50,
		signal: new AbortController().signal,
	});
	try {
		t.true(result.ok);
		const ready = bus.history.find(event => event.type === 'server-phase' && event.phase === 'ready');
		t.truthy(ready);
		t.true(ready!.t - started >= warmUpMs, `ready after ${ready!.t - started} ms, before /health said so`);
	} finally {
		await result.server.stop();
	}
});
