import path from 'node:path';
import test from 'ava';
import type {BenchOptions, RequestRecord} from '../../source/bench/bench-types.js';
import {summarize} from '../../source/bench/metrics.js';
import {seededRandom} from '../../source/bench/arrivals.js';
import {readJsonl} from '../../source/engine/artifacts.js';
import {startSession} from '../../source/engine/start-session.js';
import type {EngineEvent} from '../../source/events.js';
import {latestRows} from '../../source/results/latest-rows.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {runInputs, simRecipe, tempDir, writePlan} from './sim-fixture.js';

/**
 * The repeat policy on a fake engine: real simulated servers start and stop, but the load client is
 * a fake whose per-request latencies are scripted per server (first-seen base URL = candidate
 * order), so whether two candidates tie is decided by the test, not by timing.
 */

const plan = (repeats: number) => `model:
  name: Qwen/Qwen3-8B
hardware:
  gpu_model: H100-80GB
  gpu_count: 1
dataset:
  kind: random
  num_prompts: 256
  scenario_names: [chat]
  input_len: [64]
  output_len: [8]
benchmark:
  endpoint: /v1/completions
  max_concurrency: [null]
  repeats: ${repeats}
  qps:
    lower: 1.0
    upper: 4.0
    tolerance: 0.5
    max_rounds: 2
    extra_batches: 0
sla:
  max_p90_ttft_ms: 500
  min_success_rate: 0.9
search:
  max_candidates_per_framework: 2
frameworks:
  vllm:
    enabled: true
    base_server_flags:
      max_model_len: 4096
    search_space:
      max_num_seqs: [32]
`;

/**
 * A fake load client: requests sent on schedule (candidate 1 `faster`× as fast — a fake may), TTFT
 * from `ttftMs(candidate, rate)` ± 10 %.
 */
function fakeClient(ttftMs: (candidate: number, rate: number) => number, faster: number) {
	const servers: string[] = [];
	const calls: Array<{candidate: number; rate: number; prompts: number}> = [];
	const runBenchmark = async (options: BenchOptions) => {
		if (!servers.includes(options.baseUrl)) servers.push(options.baseUrl);
		// Candidates launch in order, and their repeats again in order (winner first): servers alternate.
		const candidate = servers.indexOf(options.baseUrl) % 2;
		const rate = Number.isFinite(options.requestRate) ? options.requestRate : 50;
		calls.push({candidate, rate: options.requestRate, prompts: options.rows.length});
		const random = seededRandom((options.seed ?? 0) + candidate);
		const records: RequestRecord[] = options.rows.map((row, index) => {
			const ttft = ttftMs(candidate, rate) * (0.9 + 0.2 * random());
			const sent = (index * 1000) / rate / (candidate === 1 ? faster : 1);
			return {
				index,
				scheduledMs: sent,
				sentMs: sent,
				ttftMs: ttft,
				e2eMs: ttft + 70,
				itlMs: Array.from({length: row.output_len - 1}, () => 10),
				promptTokens: 64,
				outputTokens: row.output_len,
				success: true,
				error: null,
			};
		});
		const durationS = (records.at(-1)!.sentMs + records.at(-1)!.e2eMs!) / 1000;
		return summarize(records, {
			durationS,
			goodput: options.goodput ?? null,
			requestRate: options.requestRate,
			maxConcurrency: options.maxConcurrency ?? null,
			numPrompts: options.rows.length,
		});
	};

	return {runBenchmark, calls};
}

async function run(repeats: number, ttftMs: (candidate: number, rate: number) => number, faster = 1) {
	const dir = tempDir('repeats');
	const client = fakeClient(ttftMs, faster);
	const session = startSession({
		...(await runInputs(writePlan(dir, plan(repeats)), simRecipe(), path.join(dir, 'runs'))),
		deps: {gpuPollMs: 60_000, stopGraceMs: 2000, runBenchmark: client.runBenchmark},
	});
	const {runDir, exitCode} = await session.done;
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	const warnings = session.history.filter((e): e is Extract<EngineEvent, {type: 'warning'}> => e.type === 'warning').map(e => e.message);
	return {exitCode, rows, warnings, calls: client.calls, history: session.history};
}

test.serial('two candidates tied on throughput but close to separable are each measured once more, pooled, and not again', async t => {
	// 256 requests each: ±14 % intervals; 25 % apart overlaps now, and could separate with 2× the samples.
	const result = await run(1, () => 100, 1.25);
	t.is(result.exitCode, 0);
	t.true(
		result.warnings.some(message => /repeating vllm-00-baseline, vllm-01-max-num-seqs-32 — vllm-00-baseline won a tie-break/.test(message)),
		result.warnings.join('\n'),
	);
	t.true(
		result.warnings.some(message => /repeats showed vllm-00-baseline: pass at 4 req\/s over 512 requests \(2 batches\)/.test(message)),
		result.warnings.join('\n'),
	);
	// Each candidate: one more run at its chosen rate (4 req/s) — bounded by benchmark.repeats.
	const repeatCalls = result.calls.filter(call => call.rate === 4);
	t.is(repeatCalls.length, 4, JSON.stringify(result.calls));
	const steady = latestRows(result.rows).filter(row => row.workload.load_mode === 'steady');
	t.is(steady.length, 2);
	for (const row of steady) {
		t.is(row.statistics?.repeats, 1);
		t.is(row.statistics?.batches, 2);
		t.is(row.statistics?.records?.length, 2);
	}

	// With twice the samples the intervals no longer overlap: the faster candidate now wins outright.
	t.true(
		result.warnings.some(message => /best now vllm-01-max-num-seqs-32/.test(message)),
		result.warnings.join('\n'),
	);
	// The pooled rows were appended under the same keys: 2 originals + 2 repeats.
	t.is(result.rows.filter(row => row.workload.load_mode === 'steady').length, 4);
	t.is(result.history.filter(e => e.type === 'candidate-started').length, 4);
});

test.serial('a clear win is not repeated', async t => {
	// Candidate 0 misses the TTFT bound at 4 req/s; candidate 1 passes there: the brackets decide.
	const result = await run(1, (candidate, rate) => (candidate === 0 && rate >= 4 ? 2000 : 100));
	t.is(result.exitCode, 0);
	t.false(
		result.warnings.some(message => /repeating/.test(message)),
		result.warnings.join('\n'),
	);
	t.is(result.history.filter(e => e.type === 'candidate-started').length, 2);
	const steady = latestRows(result.rows).filter(row => row.workload.load_mode === 'steady');
	t.deepEqual(
		steady.map(row => row.statistics?.repeats),
		[0, 0],
	);
});

test.serial('a tie no repeat could separate is not repeated (identical figures)', async t => {
	const result = await run(1, () => 100);
	t.false(
		result.warnings.some(message => /repeating/.test(message)),
		result.warnings.join('\n'),
	);
	const steady = latestRows(result.rows).filter(row => row.workload.load_mode === 'steady');
	t.deepEqual(
		steady.map(row => row.statistics?.repeats),
		[0, 0],
	);
});

test.serial('repeats: 0 turns repeats off even for a separable tie', async t => {
	const result = await run(0, () => 100, 1.25);
	t.false(result.warnings.some(message => /repeating/.test(message)));
	t.is(result.history.filter(e => e.type === 'candidate-started').length, 2);
});
