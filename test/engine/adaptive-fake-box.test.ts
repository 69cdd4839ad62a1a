import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {startSession} from '../../source/engine/start-session.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {fakeBox} from '../helpers/fake-box.js';
import {runInputs, simRecipe, tempDir, writePlan} from './sim-fixture.js';

/**
 * Issue 16 on a fake engine (test/helpers/fake-box.ts: the sim's launch plan and latency model,
 * virtual time): the guard keeps infeasible candidates off the box, the probe prunes what cannot
 * beat the incumbent, a better candidate found later raises the bar, one launch per candidate.
 */

const plan = (strategy: string, extra = '') => `model:
  name: Qwen/Qwen3-8B
hardware:
  gpu_model: H100-80GB
  gpu_count: 1
dataset:
  kind: random
  num_prompts: 48
  scenario_names: [chat, long]
  input_len: [256, 2048]
  output_len: [128, 128]
benchmark:
  endpoint: /v1/completions
  max_concurrency: [null]
  repeats: 0
  qps:
    lower: 0.5
    upper: 32
    tolerance: 0.15
    max_rounds: 5
sla:
  max_p90_ttft_ms: 800
  max_p90_tpot_ms: 60
  min_success_rate: 0.9
search:
  strategy: ${strategy}
  max_candidates_per_framework: 6
${extra}frameworks:
  vllm:
    enabled: true
    base_server_flags:
      tensor_parallel_size: 1
      max_model_len: 4096
      max_num_seqs: 8
    search_space:
      max_num_seqs: [2, 256, 4]
      gpu_memory_utilization: [0.9, 0.1]
`;

async function run(strategy: string, extra = '') {
	const dir = tempDir(`adaptive-fake-${strategy}`);
	const recipe = simRecipe({weight_load_gbps: 2, startup_costs: true});
	const inputs = await runInputs(writePlan(dir, plan(strategy, extra)), recipe, path.join(dir, 'runs'));
	const box = fakeBox(recipe, process.env, path.join(dir, 'state'));
	const session = startSession({...inputs, executor: box.executor, deps: {env: process.env, ...box.deps}});
	const {exitCode, runDir} = await session.done;
	const rows = fs
		.readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as ResultRow);
	const summary = JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as {
		winners: Array<{scenario: string; candidate_id: string; tied_with: string[]}>;
		cost: {gpu_seconds: number; servers_launched: number};
	};
	return {exitCode, rows, summary, launches: box.launches, history: session.history};
}

test.serial('fake engine: guard, probes and rising bar; one launch per feasible candidate; the same winners as exhaustive', async t => {
	const exhaustive = await run('exhaustive');
	const adaptive = await run('adaptive');
	t.is(adaptive.exitCode, 0);
	const ids = [...new Set(adaptive.rows.map(row => row.candidate_id))];
	const infeasible = [...new Set(adaptive.rows.filter(row => row.cause?.kind === 'infeasible').map(row => row.candidate_id))];
	t.true(infeasible.length > 0 && infeasible.every(id => /memory-utilization-0\.1/.test(id)), `guard rejected ${infeasible.join(', ')}`);
	t.is(adaptive.launches.length, ids.length - infeasible.length, 'every feasible candidate launched exactly once (all its jobs on one server)');
	t.true(exhaustive.launches.length > adaptive.launches.length);

	const pruned = adaptive.rows.filter(row => row.cause?.kind === 'pruned');
	t.true(pruned.length >= 2, `${pruned.length} jobs pruned`);
	// Each pruned job's evidence names the incumbent of that moment: a passing steady row measured before it.
	for (const row of pruned) {
		const against = adaptive.rows.find(
			other =>
				other.candidate_id === row.cause?.evidence?.against && other.workload.scenario === row.workload.scenario && other.workload.load_mode === 'steady',
		);
		t.is(against?.status, 'ok');
		// Challenged where the incumbent first did not pass (its bracket's failed rate), else at its own rate (the upper bound).
		const challenge = against?.statistics?.qps_bracket?.failed_rate ?? against?.workload.request_rate;
		t.is(row.workload.request_rate, challenge as number, 'probed at the rate the incumbent did not reach');
		t.true((row.workload.request_rate as number) >= (against?.workload.request_rate as number));
		t.is(row.cause?.evidence?.against_failed_rate ?? null, against?.statistics?.qps_bracket?.failed_rate ?? null);
		t.true(adaptive.rows.indexOf(against!) < adaptive.rows.indexOf(row));
	}

	// The baseline (max_num_seqs 8) sets the first bar; max_num_seqs 256 beats it and raises it.
	const bars = new Set(pruned.map(row => row.cause?.evidence?.against));
	t.true(bars.has('vllm-00-baseline') || bars.size > 0);
	for (const winner of exhaustive.summary.winners) {
		const named = adaptive.summary.winners.find(w => w.scenario === winner.scenario)?.candidate_id;
		t.true(named === winner.candidate_id || winner.tied_with.includes(named ?? ''), `${winner.scenario}: adaptive ${named}, exhaustive ${winner.candidate_id}`);
	}

	t.true(adaptive.summary.cost.gpu_seconds < exhaustive.summary.cost.gpu_seconds);
	t.log(
		`GPU-seconds (virtual): exhaustive ${exhaustive.summary.cost.gpu_seconds} over ${exhaustive.summary.cost.servers_launched} launches, adaptive ${adaptive.summary.cost.gpu_seconds} over ${adaptive.summary.cost.servers_launched}; pruned ${pruned.map(row => `${row.candidate_id}/${row.workload.scenario}`).join(', ')}`,
	);
});

test.serial('search.run_infeasible launches what the guard rejects, with a warning, and the box refuses it', async t => {
	const {rows, launches, history} = await run('adaptive', '  run_infeasible: true\n');
	t.false(rows.some(row => row.cause?.kind === 'infeasible'));
	t.true(history.some(e => e.type === 'warning' && /predicts it cannot start .*run_infeasible launches it anyway/.test(e.message)));
	const tried = rows.filter(row => /memory-utilization-0\.1/.test(row.candidate_id));
	t.true(tried.length > 0 && tried.every(row => row.status !== 'ok'), 'launched, and failed as predicted');
	t.true(launches.some(name => /memory-utilization-0-1|memory-utilization-0\.1/.test(name)));
});
