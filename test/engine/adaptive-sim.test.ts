import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {startSession} from '../../source/engine/start-session.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {runInputs, simRecipe, tempDir, writePlan} from './sim-fixture.js';

/**
 * Issue 16 end to end on the simulated box: the same plan exhaustive and adaptive. Adaptive keeps
 * the infeasible candidates off the GPU (memory model), prunes the slow ones (a batch cap of 1–2
 * cannot serve 6 req/s) after their probe, and names the winner exhaustive names, for fewer
 * GPU-seconds. The differences are large on purpose: two noisy runs must agree.
 */

const plan = (strategy: string) => `model:
  name: Qwen/Qwen3-8B
hardware:
  gpu_model: H100-80GB
  gpu_count: 1
dataset:
  kind: random
  num_prompts: 24
  scenario_names: [chat]
  input_len: [128]
  output_len: [128]
benchmark:
  endpoint: /v1/completions
  max_concurrency: [null]
  repeats: 0
  qps:
    lower: 1.0
    upper: 6.0
    tolerance: 0.3
    max_rounds: 3
sla:
  max_p50_ttft_ms: 300
  max_p50_tpot_ms: 60
  min_success_rate: 0.9
search:
  strategy: ${strategy}
  max_candidates_per_framework: 5
frameworks:
  vllm:
    enabled: true
    base_server_flags:
      tensor_parallel_size: 1
      max_model_len: 4096
    search_space:
      max_num_seqs: [1, 2]
      gpu_memory_utilization: [0.9, 0.15]
`;

type Summary = {winners: Array<{candidate_id: string; tied_with: string[]}>; cost: {gpu_seconds: number; servers_launched: number}};

async function runWith(strategy: string) {
	const dir = tempDir(`adaptive-${strategy}`);
	// A slower clock than the fixture's: host timer jitter × 1/time_scale is what a busy CI core adds.
	const recipe = simRecipe({weight_load_gbps: 8, time_scale: 0.05});
	const inputs = await runInputs(writePlan(dir, plan(strategy)), recipe, path.join(dir, 'runs'));
	const session = startSession({...inputs, deps: {env: process.env, gpuPollMs: 60_000, stopGraceMs: 2000}});
	const {exitCode, runDir} = await session.done;
	const rows = fs
		.readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as ResultRow);
	const summary = JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as Summary;
	return {exitCode, rows, summary, markdown: fs.readFileSync(path.join(runDir, 'summary.md'), 'utf8')};
}

test.serial('adaptive on the simulated box: guard and probe prune, the winner is exhaustive’s, at fewer GPU-seconds', async t => {
	const exhaustive = await runWith('exhaustive');
	const adaptive = await runWith('adaptive');
	t.is(exhaustive.exitCode, 0);
	t.is(adaptive.exitCode, 0);
	const winner = exhaustive.summary.winners[0];
	t.truthy(winner, 'exhaustive names a winner');
	const named = adaptive.summary.winners[0]?.candidate_id;
	t.true(named === winner!.candidate_id || winner!.tied_with.includes(named ?? ''), `adaptive names ${named}, exhaustive ${winner!.candidate_id}`);

	t.log(adaptive.rows.map(row => `${row.candidate_id} ${row.workload.load_mode} ${row.status} ${row.failure_reason ?? ''}`).join('\n'));
	const infeasible = adaptive.rows.filter(row => row.cause?.kind === 'infeasible');
	t.true(infeasible.length >= 1);
	for (const row of infeasible) {
		t.is(row.flags?.gpu_memory_utilization, 0.15);
		t.regex(
			row.failure_reason ?? '',
			/weights need \d+\.\d\d GiB per GPU at tensor parallel 1, more than the 11\.\d\d GiB that gpu_memory_utilization=0\.15 allows/,
		);
		t.is(row.cause?.predicted?.tensor_parallel, 1);
		t.falsy(row.cost, 'never launched: no cost');
		const there = exhaustive.rows.find(other => other.candidate_id === row.candidate_id);
		t.not(there?.status, 'ok', 'exhaustive launched it and it failed, as predicted');
	}

	const pruned = adaptive.rows.filter(row => row.cause?.kind === 'pruned');
	t.true(pruned.length >= 1, 'at least one candidate pruned after its probe');
	for (const row of pruned) {
		t.is(row.status, 'skipped');
		t.is(row.cause?.evidence?.verdict, 'fail');
		t.is(row.cause?.evidence?.against, winner!.candidate_id);
		t.is(row.workload.request_rate, row.cause?.evidence?.probe_rate as number);
		t.regex(row.failure_reason ?? '', /^pruned \(adaptive search\): its probe failed the SLA at [\d.]+ req\/s, where vllm-00-baseline passed/);
		t.is(row.qps_rounds?.length, 1, 'the probe is its one round');
		t.is(row.cost?.servers_launched, 1);
	}

	t.false(
		adaptive.rows.some(row => pruned.some(p => p.candidate_id === row.candidate_id) && row.workload.load_mode === 'burst'),
		'a pruned job gets no burst run',
	);
	t.true(
		adaptive.summary.cost.gpu_seconds < exhaustive.summary.cost.gpu_seconds,
		`${adaptive.summary.cost.gpu_seconds} < ${exhaustive.summary.cost.gpu_seconds} GPU-s`,
	);
	t.true(adaptive.summary.cost.servers_launched < exhaustive.summary.cost.servers_launched);
	t.regex(adaptive.markdown, /pruned \(adaptive search\)/, 'the report lists the pruned candidate with its reason');
	t.log(
		`exhaustive ${exhaustive.summary.cost.gpu_seconds} GPU-s / ${exhaustive.summary.cost.servers_launched} launches; adaptive ${adaptive.summary.cost.gpu_seconds} GPU-s / ${adaptive.summary.cost.servers_launched}`,
	);
});
