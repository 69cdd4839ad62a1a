import path from 'node:path';
import test from 'ava';
import {startSession} from '../../source/engine/start-session.js';
import type {CommandResult, Executor, LaunchSpec, ServerProcess} from '../../source/executors/executor.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import {rowKey, type ResultRow} from '../../source/results/result-row.js';
import {runInputs, tempDir, writePlan} from './sim-fixture.js';

/**
 * Issue 17 on a fake executor (no simulated box, no server): every launch dies out of memory at
 * once. The early cut (3 same failures) must give the same rows at parallel 2 as at parallel 1, and
 * parallel 2 must not launch a candidate the sequential run would have cut.
 */

const gpuCsv = '0, NVIDIA H100 80GB HBM3, GPU-aaaa-0000, 0, 81559, 0, 570.86.15\n1, NVIDIA H100 80GB HBM3, GPU-aaaa-0001, 0, 81559, 0, 570.86.15\n';
const answers: Record<string, Partial<CommandResult>> = {
	'nvidia-smi --query-gpu': {code: 0, stdout: gpuCsv, error: null},
	'nvidia-smi --query-compute-apps': {code: 0, stdout: '', error: null},
	'nvidia-smi': {code: 0, stdout: '| NVIDIA-SMI 570.86.15   Driver Version: 570.86.15   CUDA Version: 12.8 |', error: null},
};

function oomExecutor(): Executor & {launches: LaunchSpec[]; mostAtOnce: number} {
	let running = 0;
	const fake = {
		kind: 'local',
		connectHost: '127.0.0.1',
		bindHost: '127.0.0.1',
		launches: [] as LaunchSpec[],
		mostAtOnce: 0,
		async run(argv: readonly string[]): Promise<CommandResult> {
			const line = argv.join(' ');
			const answer = Object.entries(answers).find(([prefix]) => line.startsWith(prefix))?.[1];
			return {code: 127, stdout: '', stderr: '', timedOut: false, error: `spawn ${argv[0]} ENOENT`, ...answer};
		},
		launch(spec: LaunchSpec): ServerProcess {
			fake.launches.push(spec);
			fake.mostAtOnce = Math.max(fake.mostAtOnce, ++running);
			const lines = ['loading weights', 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB'];
			const exited = new Promise<{code: number; signal: null}>(resolve =>
				setTimeout(() => {
					running--;
					resolve({code: 1, signal: null});
				}, 300),
			);
			const onLine = (listener: (line: string) => void) => {
				for (const line of lines) listener(line);
			};
			return {pid: undefined, onLine, exited, stop: async () => {}};
		},
		describeLaunch: (spec: LaunchSpec) => spec.argv,
		stopLeftover: async () => 'nothing to stop',
	};
	return fake;
}

const plan = `model: {name: Qwen/Qwen3-8B}
hardware: {gpu_count: 1, gpu_ids: [0, 1]}
dataset: {kind: random, num_prompts: 6, scenario_names: [chat], input_len: [128], output_len: [32]}
benchmark: {endpoint: /v1/completions, request_rates: [2]}
sla: {max_p50_ttft_ms: 5000, min_success_rate: 0.9}
search: {max_candidates_per_framework: 6}
frameworks:
  openai_compatible:
    server_command: fake-server
    search_space: {max_batch: [1, 2, 3, 4, 5]}
`;

const materializeWorkload = async () => ({
	rows: [{prompt: 'hello', output_len: 32, extra_request_body: {}, metadata: {}}],
	sha256: 'f'.repeat(64),
	notes: [],
	synthetic: true,
});
const deps = {env: {PATH: process.env.PATH}, gpuPollMs: 60_000, stopGraceMs: 100, materializeWorkload};

async function run(parallel: number) {
	const dir = tempDir(`parallel-fake-${parallel}`);
	const recipe = parseRecipe({kind: 'local', parallel}, path.join(dir, 'recipe.yaml'));
	const executor = oomExecutor();
	const session = startSession({...(await runInputs(writePlan(dir, plan), recipe, path.join(dir, 'runs'))), deps, executor});
	const {exitCode} = await session.done;
	const rows = session.history.flatMap(e => (e.type === 'row-recorded' ? [e.row] : []));
	return {exitCode, executor, rows, history: session.history};
}

const outcome = (rows: readonly ResultRow[]) => rows.map(row => `${rowKey(row)} ${row.status} ${row.cause?.kind ?? ''}`).sort();

test('three OOM launches cut the framework; at parallel 2 the same rows and no launch a sequential run would not make', async t => {
	const one = await run(1);
	const two = await run(2);
	t.is(one.exitCode, 0);
	t.is(two.exitCode, 0);
	t.is(one.executor.launches.length, 3);
	t.is(one.executor.mostAtOnce, 1);
	t.is(two.executor.launches.length, 3, 'the 4th candidate waited for the first three and was cut');
	t.is(two.executor.mostAtOnce, 2, 'two launched at once');
	t.deepEqual(outcome(two.rows), outcome(one.rows));
	t.is(one.rows.filter(row => row.status === 'oom').length, 3);
	t.is(one.rows.filter(row => row.cause?.kind === 'framework-cut').length, 3);
	// The parallel launches held disjoint GPUs.
	t.deepEqual(
		two.executor.launches
			.map(spec => spec.gpuIds?.join(','))
			.slice(0, 2)
			.sort(),
		['0', '1'],
	);
	const warnings = (history: typeof one.history) => history.flatMap(e => (e.type === 'warning' && /cut short/.test(e.message) ? [e.message] : []));
	t.is(warnings(two.history).length, 1);
	t.deepEqual(warnings(two.history), warnings(one.history));
});
