import test from 'ava';
import {planFor} from '../../source/sim/launch/plan-for.js';
import {captureSizes} from '../../source/sim/launch/startup-costs.js';
import {parseWorld} from '../../source/sim/world.js';
import {freePort, launch, simEnv, waitReady} from './sim-helpers.js';

/** Issue 16: a restart costs CUDA-graph capture, torch.compile (vLLM) and warm-up, not only weight loading. */

const world = (extra: Record<string, unknown> = {}) => parseWorld(JSON.stringify({gpu_model: 'H100-80GB', gpu_count: 4, ...extra}));
const argv: Record<'vllm' | 'sglang' | 'tensorrt_llm', (model: string, extra?: string[]) => string[]> = {
	vllm: (model, extra = []) => [model, '--max-model-len', '4096', ...extra],
	sglang: (model, extra = []) => ['--model-path', model, ...extra],
	tensorrt_llm: (model, extra = []) => [model, ...extra],
};

function pausesOf(framework: keyof typeof argv, model: string, extra: string[] = [], on = true) {
	const resolution = planFor(framework, argv[framework](model, extra), world({startup_costs: on}), '/tmp/none');
	if (!resolution.ok) throw new Error(`${framework} ${model} does not start: ${resolution.failure.errorLines.join(' ')}`);
	const pauses = resolution.plan.startupPauses ?? [];
	return {seconds: pauses.reduce((sum, p) => sum + p.simSeconds, 0), log: resolution.plan.startupLog, pauses};
}

test('capture sizes follow vLLM’s 1, 2, 4, every 8 to 256, every 16 above', t => {
	t.is(captureSizes(1), 1);
	t.is(captureSizes(8), 4);
	t.is(captureSizes(256), 3 + 32);
	t.is(captureSizes(512), 3 + 32 + 16);
});

test('every framework pays capture and warm-up when the world asks for it, more for a bigger model, nothing when off', t => {
	for (const framework of ['vllm', 'sglang', 'tensorrt_llm'] as const) {
		const small = pausesOf(framework, 'Qwen/Qwen3-0.6B');
		const big = pausesOf(framework, 'Qwen/Qwen3-14B');
		t.true(small.seconds > 2, `${framework}: ${small.seconds} s`);
		t.true(big.seconds > small.seconds, `${framework}: 14B ${big.seconds.toFixed(1)} s > 0.6B ${small.seconds.toFixed(1)} s`);
		t.deepEqual(pausesOf(framework, 'Qwen/Qwen3-14B', [], false).pauses, [], `${framework}: off by default`);
		for (const pause of big.pauses) t.true(pause.beforeLine < big.log.length, 'every pause comes before a line it explains');
	}

	const vllm = pausesOf('vllm', 'Qwen/Qwen3-8B');
	const compile = vllm.log.find(line => line.includes('torch.compile takes'));
	const capture = vllm.log.find(line => line.includes('Graph capturing finished in'));
	t.regex(compile ?? '', /torch\.compile takes \d+\.\d\d s in total/);
	t.regex(capture ?? '', /Graph capturing finished in \d+ secs/);
	const eager = pausesOf('vllm', 'Qwen/Qwen3-8B', ['--enforce-eager']);
	t.true(eager.seconds < vllm.seconds / 3, `--enforce-eager skips compile and capture (${eager.seconds.toFixed(1)} s vs ${vllm.seconds.toFixed(1)} s)`);
	t.false(eager.log.some(line => line.includes('Graph capturing')));
	const sglang = pausesOf('sglang', 'Qwen/Qwen3-8B');
	t.regex(sglang.log.find(line => line.includes('Capture cuda graph end')) ?? '', /Time elapsed: \d+\.\d\d s/);
});

test.serial('a launched server spends those simulated seconds at the time scale before it is ready', async t => {
	const costs = pausesOf('vllm', 'Qwen/Qwen3-8B');
	const timeScale = 0.05;
	const env = simEnv({gpu_model: 'H100-80GB', gpu_count: 1, time_scale: timeScale, startup_wall_s: 0.1, startup_costs: true});
	const port = await freePort();
	const started = Date.now();
	const server = launch('vllm', ['serve', 'Qwen/Qwen3-8B', '--max-model-len', '4096', '--host', '127.0.0.1', '--port', String(port)], env);
	try {
		await waitReady(`http://127.0.0.1:${port}`, server);
		const wallMs = Date.now() - started;
		t.true(
			wallMs >= costs.seconds * timeScale * 1000,
			`ready after ${wallMs} ms wall ≥ ${(costs.seconds * timeScale * 1000).toFixed(0)} ms (${costs.seconds.toFixed(1)} simulated s)`,
		);
		t.regex(server.log(), /torch\.compile takes/);
	} finally {
		server.child.kill('SIGTERM');
		await server.exited;
	}
});
