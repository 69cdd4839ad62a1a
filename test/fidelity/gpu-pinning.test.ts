import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {readJsonl} from '../../source/engine/artifacts.js';
import {startSession} from '../../source/engine/start-session.js';
import {createExecutor} from '../../source/executors/create-executor.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {nvidiaSmi} from '../../source/sim/cli/nvidia-smi-main.js';
import {gpuEnv} from '../../source/engine/gpu-env.js';
import {runInputs, simRecipe, tempDir, writePlan} from '../engine/sim-fixture.js';
import {freePort, launch, simEnv, stop, waitReady} from '../sim/sim-helpers.js';

/** Finding 2: hardware.gpu_ids reaches every launch as CUDA_VISIBLE_DEVICES (+ PCI bus order). */

const world = {gpu_model: 'H100-80GB', gpu_count: 8, time_scale: 0.02, startup_wall_s: 0.3, seed: 1};
const flags = {
	vllm: 'tensor_parallel_size: 2\n      max_model_len: 4096',
	sglang: 'tp_size: 2\n      context_length: 4096',
	tensorrt_llm: 'backend: pytorch\n      tp_size: 2\n      max_seq_len: 4096',
} as const;

function plan(framework: keyof typeof flags): string {
	return `model:
  name: Qwen/Qwen3-8B
hardware:
  gpu_model: H100-80GB
  gpu_count: 2
  gpu_ids: [5, 6]
dataset:
  kind: random
  num_prompts: 6
  scenario_names: [chat]
  input_len: [128]
  output_len: [16]
benchmark:
  endpoint: /v1/completions
  max_concurrency: [null]
  request_rates: [inf]
sla:
  max_p99_ttft_ms: 5000
  max_p99_tpot_ms: 200
  min_success_rate: 0.9
search:
  max_candidates_per_framework: 1
frameworks:
  ${framework}:
    enabled: true
    base_server_flags:
      ${flags[framework]}
`;
}

/** GPU index → MiB used, from the simulated nvidia-smi's CSV. */
function usedByGpu(env: NodeJS.ProcessEnv): Map<number, number> {
	const out = nvidiaSmi(['--query-gpu=index,memory.used', '--format=csv,noheader,nounits'], env);
	return new Map(
		out.stdout
			.trim()
			.split('\n')
			.map(line => line.split(',').map(part => Number(part.trim())) as [number, number]),
	);
}

for (const framework of Object.keys(flags) as Array<keyof typeof flags>) {
	test.serial(`${framework}: gpu_ids [5, 6] launch with CUDA_VISIBLE_DEVICES=5,6 and the simulated nvidia-smi shows exactly those two busy`, async t => {
		const dir = tempDir(`pin-${framework}`);
		const session = startSession({
			...(await runInputs(writePlan(dir, plan(framework)), simRecipe(world), path.join(dir, 'runs'))),
			deps: {env: process.env, gpuPollMs: 60_000, stopGraceMs: 2000},
		});
		let runDir = '';
		const busy: number[][] = [];
		session.subscribe(event => {
			if (event.type === 'run-started') runDir = event.runDir;
			if (event.type === 'server-phase' && event.phase === 'ready') {
				const used = usedByGpu({LLM_BENCH_SIM_WORLD: JSON.stringify(world), LLM_BENCH_SIM_STATE: path.join(runDir, '.sim-state')});
				busy.push([...used].filter(([, mib]) => mib > 100).map(([index]) => index));
			}
		});
		const {exitCode} = await session.done;
		if (exitCode !== 0)
			t.log(
				session.history
					.filter(e => e.type === 'preflight-check' && e.status === 'failed')
					.map(e => JSON.stringify(e))
					.join('\n'),
			);
		t.is(exitCode, 0);
		t.deepEqual(busy, [[5, 6]], 'while the server ran');
		const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
		t.true(
			rows.length > 0 && rows.every(row => row.status === 'ok'),
			rows.map(row => `${row.workload.load_mode} ${row.status} ${row.failure_reason}`).join('; '),
		);
		const command = fs.readFileSync(path.join(runDir, framework, `${framework}-00-baseline`, 'server_command.txt'), 'utf8');
		const launched = command.split('\n')[command.split('\n').indexOf('# exactly as launched for these figures:') + 1] ?? '';
		t.true(launched.startsWith('CUDA_VISIBLE_DEVICES=5,6 CUDA_DEVICE_ORDER=PCI_BUS_ID '), launched);
		t.true(command.split('\n')[1]!.startsWith('CUDA_VISIBLE_DEVICES=5,6 CUDA_DEVICE_ORDER=PCI_BUS_ID '), 'the deployment command is pinned too');
	});
}

test('a simulated server without CUDA_VISIBLE_DEVICES occupies GPUs 0…tp−1; an empty one sees no GPU', async t => {
	const env = simEnv({gpu_model: 'H100-80GB', gpu_count: 4, time_scale: 0.05});
	const port = await freePort();
	const server = launch(
		'vllm',
		['serve', 'Qwen/Qwen3-8B', '--tensor-parallel-size', '2', '--max-model-len', '4096', '--host', '127.0.0.1', '--port', String(port)],
		env,
	);
	try {
		await waitReady(`http://127.0.0.1:${port}`, server);
		t.deepEqual(
			[...usedByGpu(env)].filter(([, mib]) => mib > 100).map(([index]) => index),
			[0, 1],
		);
	} finally {
		await stop(server);
	}

	const none = launch('vllm', ['serve', 'Qwen/Qwen3-8B', '--max-model-len', '4096', '--port', String(port)], {...env, CUDA_VISIBLE_DEVICES: ''});
	t.not(await none.exited, 0);
});

test('every recipe kind pins the launch: env for local/ssh/docker exec, --gpus (no host ids inside) for docker run', t => {
	const spec = {argv: ['vllm', 'serve', 'm'], name: 'c1', gpuIds: [5, 6], framework: 'vllm', env: gpuEnv([5, 6])};
	const file = path.join(tempDir('recipes'), 'r.yaml');
	const describe = (recipe: Record<string, unknown>) => createExecutor(parseRecipe(recipe, file), {env: {}}).describeLaunch(spec).join(' ');
	const run = describe({kind: 'docker', image: 'vllm/vllm-openai:v0.11.0'});
	t.regex(run, /--gpus "device=5,6"/);
	t.notRegex(run, /CUDA_VISIBLE_DEVICES/, 'inside the container the two GPUs are 0 and 1');
	t.regex(run, /-e CUDA_DEVICE_ORDER=PCI_BUS_ID/);
	t.regex(describe({kind: 'docker-exec', container: 'vllm'}), /-e CUDA_VISIBLE_DEVICES=5,6 -e CUDA_DEVICE_ORDER=PCI_BUS_ID/);
	t.regex(describe({kind: 'ssh', host: 'gpu-box', remote: {kind: 'local'}}), /env CUDA_VISIBLE_DEVICES=5,6 CUDA_DEVICE_ORDER=PCI_BUS_ID/);
	t.regex(describe({kind: 'ssh', host: 'gpu-box', remote: {kind: 'docker', image: 'vllm/vllm-openai:v0.11.0'}}), /--gpus '"device=5,6"'/);
});

test('a local launch gets the pinning environment', async t => {
	const file = path.join(tempDir('local'), 'r.yaml');
	const executor = createExecutor(parseRecipe({kind: 'local'}, file), {env: process.env});
	const proc = executor.launch({
		argv: ['sh', '-c', 'echo "$CUDA_VISIBLE_DEVICES/$CUDA_DEVICE_ORDER"'],
		name: 'x',
		gpuIds: [5, 6],
		framework: 'vllm',
		env: gpuEnv([5, 6]),
	});
	const lines: string[] = [];
	proc.onLine(line => lines.push(line));
	await proc.exited;
	t.true(lines.includes('5,6/PCI_BUS_ID'), lines.join('|'));
});
