import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {readJsonl} from '../../source/engine/artifacts.js';
import {startSession} from '../../source/engine/start-session.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {runInputs, simRecipe, tempDir, writePlan} from './sim-fixture.js';

const deps = {gpuPollMs: 4000, stopGraceMs: 2000};

/** One vLLM candidate capped at 4 running sequences: ~8 req/s on the simulated H100. */
function plan(numPrompts: number, benchmark: string): string {
	return `model:
  name: Qwen/Qwen3-8B
hardware:
  gpu_model: H100-80GB
  gpu_count: 1
dataset:
  kind: random
  num_prompts: ${numPrompts}
  scenario_names: [chat]
  input_len: [128]
  output_len: [64]
benchmark:
  endpoint: /v1/completions
  max_concurrency: [null]
${benchmark}
sla:
  max_p50_ttft_ms: 5000
  max_p50_tpot_ms: 200
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
}

async function run(text: string, saturationStop: boolean) {
	const dir = tempDir('server-metrics');
	const session = startSession({
		...(await runInputs(writePlan(dir, text), simRecipe({time_scale: 0.2}), path.join(dir, 'runs'))),
		deps: {...deps, saturationStop},
	});
	const {runDir, exitCode} = await session.done;
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	return {runDir, exitCode, rows, history: session.history};
}

test.serial(
	"a fixed-rate run three times the server's capacity saturates, stops early, fails with that reason; the row carries the server's own metrics",
	async t => {
		// 300 prompts at 24 req/s: arrivals last 12.5 server seconds, a full run ~38 s (8 req/s served).
		const {runDir, exitCode, rows, history} = await run(plan(300, '  request_rates: [24]'), true);
		t.is(exitCode, 0);
		const row = rows.find(r => r.workload.load_mode === 'single')!;
		t.is(row.sla?.passed, false);
		t.regex(
			row.sla?.failures?.[0] ?? '',
			/^saturated: the queue grew from \d+ to \d+ over [\d.]+ s while completions stayed at ~[\d.]+ req\/s \(offered 24 req\/s\); round stopped after/,
		);
		const raw = JSON.parse(fs.readFileSync(path.join(runDir, row.artifacts!.raw_result!), 'utf8')) as {
			completed: number;
			durationS: number;
			saturation: {atS: number} | null;
			server_metrics_series: unknown[];
		};
		// Stopped early: well under the 300 requests and the ~38 s a full run takes.
		t.truthy(raw.saturation);
		t.true(raw.completed < 200, `completed ${raw.completed}`);
		t.true(raw.durationS < 25, `duration ${raw.durationS} s`);
		t.true(raw.server_metrics_series.length >= 3);
		t.like(row.server_metrics, {source: 'vllm GET /metrics (Prometheus)', running_max: 4, preemptions: 0, unavailable: null});
		t.true((row.server_metrics?.waiting_max ?? 0) >= 20);
		t.true((row.server_metrics?.kv_cache_usage_max ?? 0) > 0);
		t.true(history.filter(event => event.type === 'server-metrics').length >= 5);
		t.true(fs.readFileSync(path.join(runDir, 'events.jsonl'), 'utf8').includes('"type":"server-metrics"'));
	},
);

test.serial("a QPS round that repeats the last round's prompts shows prefix-cache hits unless the cache was flushed, and the report says so", async t => {
	const {runDir, rows} = await run(plan(40, '  qps:\n    lower: 2.0\n    upper: 6.0\n    tolerance: 0.5\n    max_rounds: 2'), false);
	const steady = rows.find(r => r.workload.load_mode === 'steady')!;
	const [first, second] = steady.qps_rounds ?? [];
	t.truthy(second);
	t.false(second!.saturated ?? true);
	// A fresh server: only the smoke and warm-up requests (the first prompts again) hit in round 1.
	t.true((first?.prefix_cache_hit_rate ?? 1) < 0.3, `first round ${first?.prefix_cache_hit_rate}`);
	if (second!.cache_flushed) {
		t.true((second!.prefix_cache_hit_rate ?? 1) < 0.05);
		return;
	}

	// Not flushed (vLLM's route needs VLLM_SERVER_DEV_MODE=1): the same 40 prompts came back warm.
	t.true((second!.prefix_cache_hit_rate ?? 0) > 0.5, `hit rate ${second!.prefix_cache_hit_rate}`);
	t.regex(steady.cache?.flush as string, /reset_prefix_cache answered 404 \(vLLM serves it only with VLLM_SERVER_DEV_MODE=1\)/);
	t.regex(fs.readFileSync(path.join(runDir, 'summary.md'), 'utf8'), /vLLM: \d+ row\(s\) on a random workload show prefix-cache hits/);
});
