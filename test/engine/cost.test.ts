import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {createCostLedger} from '../../source/engine/cost-ledger.js';
import {startSession} from '../../source/engine/start-session.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {runInputs, simRecipe, smallPlan, tempDir, writePlan} from './sim-fixture.js';

test('the ledger charges GPUs × launch-to-stop per candidate, running servers included, and sums the run', t => {
	let now = 100;
	const ledger = createCostLedger(() => now, 'simulated');
	const endA = ledger.launched('vllm', 'a', 2);
	now = 110;
	t.deepEqual(ledger.of('a'), {gpu_seconds: 20, servers_launched: 1, wall_seconds: 10}, 'a running server counts up to now');
	endA();
	endA();
	now = 120;
	t.deepEqual(ledger.of('a'), {gpu_seconds: 20, servers_launched: 1, wall_seconds: 10}, 'stopped: no more charge; ending twice charges once');
	const endB = ledger.launched('vllm', 'b', 1);
	now = 125;
	endB();
	const endA2 = ledger.launched('vllm', 'a', 2);
	now = 126;
	endA2();
	t.is(ledger.of('never'), null);
	const total = ledger.total();
	t.is(total.gpu_seconds, 20 + 5 + 2);
	t.is(total.servers_launched, 3);
	t.is(total.server_seconds, 16);
	t.is(total.wall_seconds, 26, 'the run: its start to now');
	t.is(total.clock, 'simulated');
	t.deepEqual(
		total.candidates.map(c => [c.candidate_id, c.servers_launched, c.gpu_seconds]),
		[
			['a', 2, 22],
			['b', 1, 5],
		],
	);
});

test('simulated box: summary.json, rows and summary.md carry the cost in simulated seconds (weight loading included)', async t => {
	const dir = tempDir('cost-sim');
	// Qwen3-8B bf16 is ~15 GiB: at 4 GB/s a launch spends ~4 simulated seconds loading weights alone.
	const recipe = simRecipe({weight_load_gbps: 4});
	const inputs = await runInputs(writePlan(dir, smallPlan()), recipe, path.join(dir, 'runs'));
	const session = startSession({
		...inputs,
		plan: {...inputs.plan, benchmark: {...inputs.plan.benchmark, repeats: 0}},
		deps: {env: process.env, gpuPollMs: 60_000, stopGraceMs: 2000},
	});
	const {exitCode, runDir} = await session.done;
	t.is(exitCode, 0);
	const summary = JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as {
		cost: {gpu_seconds: number; servers_launched: number; wall_seconds: number; clock: string; candidates: Array<{candidate_id: string; gpu_seconds: number}>};
	};
	t.is(summary.cost.clock, 'simulated');
	t.is(summary.cost.servers_launched, 2, 'one launch per candidate');
	t.true(summary.cost.gpu_seconds >= 2 * 4, `each launch held its GPU at least through weight loading (${summary.cost.gpu_seconds})`);
	t.true(summary.cost.wall_seconds >= summary.cost.gpu_seconds, 'one GPU, one server at a time: the run lasts at least as long as the GPU was held');
	t.deepEqual(summary.cost.candidates.map(c => c.candidate_id).sort(), ['vllm-00-baseline', 'vllm-01-max-num-seqs-32']);
	const rows = fs
		.readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as ResultRow);
	for (const row of rows) {
		t.truthy(row.cost, `${row.candidate_id} ${row.workload.load_mode}: cost so far`);
		t.is(row.cost?.servers_launched, 1);
		const total = summary.cost.candidates.find(c => c.candidate_id === row.candidate_id)!;
		t.true(row.cost!.gpu_seconds <= total.gpu_seconds + 1e-6, 'a row carries the cost so far, never more than the total');
	}

	const markdown = fs.readFileSync(path.join(runDir, 'summary.md'), 'utf8');
	t.regex(markdown, /- Cost: [\d.]+ GPU-seconds over 2 server launches, run [\d.]+ s \(simulated box time\)/);
	t.regex(markdown, /### Cost per candidate/);
});
