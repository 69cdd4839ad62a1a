import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {readJsonl} from '../../source/engine/artifacts.js';
import {startSession} from '../../source/engine/start-session.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {runInputs, simRecipe, tempDir, writePlan} from './sim-fixture.js';

const deps = {gpuPollMs: 4000, stopGraceMs: 2000};

/**
 * One vLLM candidate capped at 4 running sequences (~8 req/s on the simulated H100): the lower
 * bound (4 req/s) keeps up, the upper (24 req/s) saturates. 240 prompts make the upper round's
 * arrivals last 10 server seconds, long enough to see the queue grow over the sustained window
 * (7.5 s: three client progress reports at time_scale 0.1), and a full run of it ~30 s.
 */
const plan = `model:
  name: Qwen/Qwen3-8B
hardware:
  gpu_model: H100-80GB
  gpu_count: 1
dataset:
  kind: random
  num_prompts: 240
  scenario_names: [chat]
  input_len: [128]
  output_len: [64]
benchmark:
  endpoint: /v1/completions
  max_concurrency: [null]
  qps:
    lower: 4.0
    upper: 24.0
    tolerance: 0.5
    max_rounds: 2
sla:
  max_p99_ttft_ms: 5000
  max_p99_tpot_ms: 200
  min_success_rate: 0.9
search:
  max_candidates_per_framework: 1
frameworks:
  vllm:
    enabled: true
    base_server_flags:
      max_model_len: 4096
      max_num_seqs: 4
`;

async function run(world: Record<string, unknown>, saturationStop = true) {
	const dir = tempDir('server-metrics');
	const session = startSession({...(await runInputs(writePlan(dir, plan), simRecipe({time_scale: 0.1, ...world}), path.join(dir, 'runs'))), deps: {...deps, saturationStop}});
	const {runDir, exitCode} = await session.done;
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	return {runDir, exitCode, steady: rows.find(row => row.workload.load_mode === 'steady')!, history: session.history};
}

test.serial('a round that saturates stops early, fails with that reason, and the row carries the server\'s own metrics', async t => {
	const {runDir, exitCode, steady, history} = await run({});
	t.is(exitCode, 0);
	const [lower, upper] = steady.qps_rounds ?? [];
	t.like(lower, {request_rate: 4, passed: true, saturated: false});
	t.like(upper, {request_rate: 24, passed: false, saturated: true});
	t.regex(upper?.reason ?? '', /^saturated: the queue grew from \d+ to \d+ over [\d.]+ s while completions stayed at ~[\d.]+ req\/s \(offered 24 req\/s\); round stopped after/);
	// Stopped early: far fewer than the 240 requests finished, in far less than the ~30 s a full run takes.
	const raw = JSON.parse(fs.readFileSync(path.join(runDir, 'vllm', steady.candidate_id, 'chat', 'cinf-steady-r2-qps24.json'), 'utf8')) as {completed: number; durationS: number; saturation: {atS: number}; server_metrics_series: unknown[]};
	t.true(raw.completed < 160, `completed ${raw.completed}`);
	t.true(raw.durationS < 20, `duration ${raw.durationS} s`);
	t.true(raw.server_metrics_series.length >= 3);
	t.is(steady.workload.request_rate, 4);
	t.like(steady.server_metrics, {source: 'vllm GET /metrics (Prometheus)', preemptions: 0, unavailable: null});
	t.true((steady.server_metrics?.running_max ?? 0) >= 1 && (steady.server_metrics?.running_max ?? 99) <= 4);
	t.true((steady.server_metrics?.kv_cache_usage_max ?? 0) > 0);
	const readings = history.filter(event => event.type === 'server-metrics');
	t.true(readings.length >= 5);
	t.true(fs.readFileSync(path.join(runDir, 'events.jsonl'), 'utf8').includes('"type":"server-metrics"'));
});

test.serial('a round that repeats the last round\'s prompts shows prefix-cache hits unless the cache was flushed, and the report says so', async t => {
	const {runDir, steady} = await run({}, false);
	const second = steady.qps_rounds?.[1];
	t.truthy(second);
	t.false(second!.saturated ?? false);
	if (second!.cache_flushed) {
		t.true((second!.prefix_cache_hit_rate ?? 1) < 0.05);
		return;
	}

	// Not flushed (the vLLM route needs VLLM_SERVER_DEV_MODE=1): the same 240 prompts came back warm.
	t.true((second!.prefix_cache_hit_rate ?? 0) > 0.5, `hit rate ${second!.prefix_cache_hit_rate}`);
	t.regex(fs.readFileSync(path.join(runDir, 'summary.md'), 'utf8'), /vLLM: \d+ row\(s\) on a random workload show prefix-cache hits/);
});
