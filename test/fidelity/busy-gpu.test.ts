import {readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {loadProblems, loadQueryArgv, parseLoadCsv, type GpuLoad} from '../../source/engine/gpu-load.js';
import {gpuQueryArgv, parseGpuCsv} from '../../source/engine/gpu-query.js';
import {startSession} from '../../source/engine/start-session.js';
import type {EngineEvent} from '../../source/events.js';
import {nvidiaSmi} from '../../source/sim/cli/nvidia-smi-main.js';
import {runInputs, simRecipe, smallPlan, tempDir, writePlan} from '../engine/sim-fixture.js';

/** Finding 7: a GPU is busy by memory and utilisation too (other containers' processes are not listed); MIG and [N/A]. */

const real = (name: string) => readFileSync(new URL(`../fixtures/real/nvidia-smi/${name}`, import.meta.url), 'utf8');

/** The GPU rows of nvidia-smi's table: `|   0  Name ... |  814MiB / 22945MiB |  78%  Default |` (+ MIG column). */
function tableLoads(text: string): GpuLoad[] {
	const lines = text.split('\n');
	const loads: GpuLoad[] = [];
	for (let i = 0; i < lines.length; i++) {
		const head = /^\|\s+(\d+)\s+\S/.exec(lines[i]!);
		const body = /(\d+)MiB \/\s*(\d+)MiB \|\s+(N\/A|\d+%)/.exec(lines[i + 1] ?? '');
		if (!head || !body) continue;
		loads.push({
			index: Number(head[1]),
			memoryUsedMiB: Number(body[1]),
			memoryTotalMiB: Number(body[2]),
			utilizationPct: body[3] === 'N/A' ? null : Number(body[3]!.replace('%', '')),
			mig: /\|\s+On \|\s*$/.test(lines[i]!),
		});
	}

	return loads;
}

test('inside a container the process table is empty but memory and utilisation say both GPUs are busy (real capture)', t => {
	const loads = tableLoads(real('in-container-processes-hidden.verbatim.txt'));
	t.is(loads.length, 2);
	const {problems} = loadProblems(loads, [0, 1]);
	t.is(problems.length, 2);
	t.regex(problems[0]!, /GPU 0 is in use: 814 MiB of 22945 MiB held, 78 % utilisation/);
});

test('MIG mode on (real A800 capture): GPU-Util N/A is unknown, and the GPU is refused with the reason', t => {
	const loads = tableLoads(real('mig-enabled-a800-table.verbatim.txt'));
	t.is(loads[0]?.utilizationPct, null);
	t.true(loads[0]?.mig);
	t.regex(loadProblems(loads, [0]).problems[0] ?? '', /MIG mode/);
	// Without MIG but with [N/A]: not busy by memory, utilisation reported as unknown.
	t.deepEqual(loadProblems([{index: 0, memoryUsedMiB: 3, memoryTotalMiB: 81920, utilizationPct: null, mig: false}], [0]), {
		problems: [],
		unknowns: ['GPU 0: utilisation unknown (nvidia-smi reports [N/A])'],
	});
});

test('the 8×H200 capture: every GPU holding 100+ GiB at 100 % is busy; an idle one is not', t => {
	const loads = real('h200x8-query-gpu.verbatim.csv')
		.split('\n')
		.filter(line => /^\d+,/.test(line))
		.map((line): GpuLoad => {
			const cells = line.split(',').map(cell => cell.trim());
			return {
				index: Number(cells[0]),
				memoryUsedMiB: Number.parseInt(cells[2]!, 10),
				memoryTotalMiB: Number.parseInt(cells[3]!, 10),
				utilizationPct: Number.parseInt(cells[4]!, 10),
				mig: false,
			};
		});
	t.true(loads.length >= 3);
	t.is(
		loadProblems(
			loads,
			loads.map(load => load.index),
		).problems.length,
		loads.filter(load => load.memoryUsedMiB > 1024).length,
	);
	t.deepEqual(loadProblems([{index: 0, memoryUsedMiB: 1, memoryTotalMiB: 143771, utilizationPct: 0, mig: false}], [0]).problems, []);
});

test('simulated nvidia-smi: MIG GPUs report [N/A] and Enabled; the engine reads [N/A] as unknown, not 0 %', t => {
	const env = {LLM_BENCH_SIM_WORLD: JSON.stringify({gpu_count: 2, mig_gpus: [1]}), LLM_BENCH_SIM_STATE: tempDir('mig-state')};
	const load = parseLoadCsv(nvidiaSmi(loadQueryArgv.slice(1), env).stdout);
	t.deepEqual(
		load.map(gpu => [gpu.utilizationPct, gpu.mig]),
		[
			[0, false],
			[null, true],
		],
	);
	const withUnits = nvidiaSmi(['--query-gpu=index,utilization.gpu', '--format=csv,noheader'], env).stdout;
	t.is(withUnits, '0, 0 %\n1, [N/A]\n');
	t.deepEqual(
		parseGpuCsv(nvidiaSmi(gpuQueryArgv.slice(1), env).stdout).map(gpu => gpu.utilizationPct),
		[0, null],
	);
});

test('a GPU held by a process the process list does not show stops preflight (simulated box, in-container view)', async t => {
	const dir = tempDir('hidden-busy');
	const recipe = simRecipe({busy_gpus: [{index: 0, used_memory_mib: 30000, utilization: 60, hidden: true}]});
	const session = startSession({
		...(await runInputs(writePlan(dir, smallPlan()), recipe, path.join(dir, 'runs'))),
		deps: {env: process.env, gpuPollMs: 60_000, stopGraceMs: 2000},
	});
	const {exitCode} = await session.done;
	t.is(exitCode, 1);
	const failed = session.history.find((e): e is Extract<EngineEvent, {type: 'preflight-check'}> => e.type === 'preflight-check' && e.status === 'failed');
	t.is(failed?.id, 'gpus');
	t.regex(failed?.detail ?? '', /GPU 0 is in use: 30001 MiB of \d+ MiB held, 60 % utilisation/);
	t.false(session.history.some(e => e.type === 'candidate-started'));
});
