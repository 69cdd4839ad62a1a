import test from 'ava';
import {render} from 'ink-testing-library';
import type {BenchProgress} from '../../source/bench/bench-types.js';
import {errorKind, progressSnapshot} from '../../source/bench/progress.js';
import type {BenchState, GpuState, QpsRoundState, RunState} from '../../source/engine/run-state.js';
import {reduceAll} from '../../source/engine/reduce.js';
import {BenchPanel} from '../../source/ui/live/bench-panel.js';
import {GpuPanel} from '../../source/ui/live/gpu-panel.js';
import {LiveScreen} from '../../source/ui/live/live-screen.js';
import {OverallProgress} from '../../source/ui/live/overall-progress.js';
import {RoundTable} from '../../source/ui/live/round-table.js';
import {boundColor} from '../../source/ui/live/sla-bounds.js';
import {demoEvents} from '../helpers/demo-events.js';

const strip = (frame = '') => frame.replace(/\u001B\[[0-9;]*m/g, '');
const sla = {max_p99_ttft_ms: 300, max_p99_tpot_ms: 40, min_success_rate: 0.99};

function progress(overrides: Partial<BenchProgress> = {}): BenchProgress {
	return {
		completed: 30, failed: 2, total: 32, inFlight: 3, elapsedMs: 4000, p50TtftMs: 78, p50TpotMs: 12, requestThroughput: 7.8, outputTokenThroughput: 1560,
		latency: {p50_ttft_ms: 78, p99_ttft_ms: 483, p50_tpot_ms: 12, p99_tpot_ms: 21},
		errors: {'connection error': 1, 'HTTP 503': 1},
		...overrides,
	};
}

const bench = (p: BenchProgress | null, round = 3): BenchState => ({scenario: 'chat', requestRate: 8, maxConcurrency: null, round, numPrompts: 32, startedT: 0, progress: p});
const round = (n: number, rate: number, passed: boolean, p: BenchProgress | null, reason: string | null = null): QpsRoundState => ({scenario: 'chat', maxConcurrency: null, round: n, requestRate: rate, passed, reason, final: p});

test('bench pane: the SLA\'s own statistic (p99) against its bound, p50 beside it; errors by kind; in flight; offered vs achieved', t => {
	const {lastFrame} = render(<BenchPanel bench={bench(progress())} sla={sla} width={98} />);
	t.is(strip(lastFrame()), [
		'Benchmark chat @ 8 req/s offered · round 3 · achieved 7.80 req/s · 1560 tok/s',
		'████████████████████ 32/32 answered · 3 in flight · 2 failed: connection error ×1, HTTP 503 ×1',
		'TTFT p99 483 ms ✘ SLA ≤ 300 · p50 78   TPOT p99 21 ms ✔ SLA ≤ 40 · p50 12',
	].join('\n'));
	t.is(boundColor(483, 300), 'red', 'coloured by the p99 that fails, not by the p50 of 78 ms');
	t.is(boundColor(78, 300), 'green');
	t.is(boundColor(250, 300), 'yellow');
	t.is(boundColor(null, 300), undefined);
});

test('bench pane: a p95 e2e SLA shows p95 e2e; without latency bounds p99 TTFT/TPOT are shown uncoloured', t => {
	const p = progress({latency: {p50_e2e_ms: 900, p95_e2e_ms: 1500, p50_ttft_ms: 78, p99_ttft_ms: 483}});
	t.true(strip(render(<BenchPanel bench={bench(p)} sla={{max_p95_e2e_ms: 2000}} width={98} />).lastFrame()).includes('E2E p95 1500 ms ✔ SLA ≤ 2000 · p50 900'));
	const plain = strip(render(<BenchPanel bench={bench(p)} sla={{}} width={98} />).lastFrame());
	t.true(plain.includes('TTFT p99 483 ms · p50 78'), plain);
	t.false(plain.includes('✘'));
});

test('round table: offered → achieved, the SLA statistics, errors and verdict per round, the running round last', t => {
	const rounds = [round(1, 3, true, progress({failed: 0, requestThroughput: 2.95, latency: {p99_ttft_ms: 120, p99_tpot_ms: 15}})), round(2, 16, false, progress({failed: 4, requestThroughput: 9.1, latency: {p99_ttft_ms: 950, p99_tpot_ms: 55}}), 'p99_ttft_ms 950 > 300')];
	const {lastFrame} = render(<RoundTable rounds={rounds} bench={bench(progress({completed: 10, failed: 0, requestThroughput: 7.5}))} sla={sla} maxRows={6} width={98} />);
	t.is(strip(lastFrame()), [
		'Rounds        offered → achieved   p99 TTFT ≤300  p99 TPOT ≤40   errors  verdict',
		'chat r1       3.00 → 2.95          120 ms         15 ms          0       ✔ pass',
		'chat r2       16.00 → 9.10         950 ms         55 ms          4       ✘ fail    p99_ttft_ms 95…',
		'chat r3       8.00 → 7.50          483 ms         21 ms          0       ▶ running',
	].join('\n'));
});

test('round table: keeps the newest rounds when short of rows and says how many are above', t => {
	const rounds = [1, 2, 3, 4].map(n => round(n, n * 2, n < 3, progress({failed: 0})));
	const frame = strip(render(<RoundTable rounds={rounds} bench={null} sla={sla} maxRows={2} width={98} />).lastFrame());
	t.true(frame.includes('(2 earlier)'));
	t.false(frame.includes('chat r2'));
	t.true(frame.includes('chat r3'));
	t.true(frame.includes('chat r4'));
});

test('round verdicts in the table come from the round, and a declared undecided verdict shows as such', t => {
	const undecided = {...round(1, 4, false, progress({failed: 0})), verdict: 'undecided'} as QpsRoundState;
	t.true(strip(render(<RoundTable rounds={[undecided]} bench={null} sla={sla} maxRows={3} width={98} />).lastFrame()).includes('? undecided'));
});

test('live progress carries every SLA statistic under the row\'s names and failures by kind', t => {
	const record = (i: number, ok: boolean, error: string | null = null) => ({index: i, scheduledMs: 0, sentMs: 0, ttftMs: ok ? 10 * (i + 1) : null, e2eMs: ok ? 100 : null, itlMs: ok ? [5, 5] : [], promptTokens: 10, outputTokens: ok ? 3 : null, success: ok, error});
	const records = [...Array.from({length: 10}, (_, i) => record(i, true)), record(10, false, 'HTTP 503: overloaded'), record(11, false, 'HTTP 503: overloaded'), record(12, false, 'connection error: ECONNRESET')];
	const p = progressSnapshot({total: 20, records, inFlight: 2, elapsedMs: 1000, timeScale: 1});
	t.is(p.latency?.p99_ttft_ms, 99.1);
	t.is(p.latency?.p50_ttft_ms, 55);
	t.is(p.latency?.mean_e2e_ms, 100);
	t.deepEqual(p.errors, {'HTTP 503': 2, 'connection error': 1});
	t.is(errorKind('stream error: request aborted by the server'), 'stream error');
	t.is(errorKind(null), 'unknown error');
});

test('header at 100 columns keeps the whole run directory; a longer one loses its start, not its name', t => {
	const base = reduceAll(demoEvents().slice(0, 12));
	const first = (runDir: string, width: number) => strip(render(<OverallProgress state={{...base, runDir} as RunState} now={base.lastT!} width={width} />).lastFrame()).split('\n')[0]!;
	t.is(first('/tmp/llm-bench-e2e-x1/2026-12-01T17-06-29-quick', 98), 'llm-bench-tui Qwen/Qwen3-8B [simulated GPU box] /tmp/llm-bench-e2e-x1/2026-12-01T17-06-29-quick');
	const narrow = first('/home/operator/benchmarks/runs/2026-12-01T17-06-29-qwen3-8b-demo', 78);
	t.true(narrow.length <= 78, narrow);
	t.regex(narrow, /\[simulated GPU box\] …[\w-]*qwen3-8b-demo$/);
});

function gpus(count: number, sampledT: number): GpuState[] {
	return Array.from({length: count}, (_, index) => ({index, name: 'NVIDIA H100 80GB HBM3', memoryTotalMiB: 81_559, utilizationPct: [20, 60, 97], memoryUsedMiB: [70_000], sampledT}));
}

test('GPU panel: 8 GPUs fit in two lines at 100 columns; one GPU keeps the full layout', t => {
	const lines = strip(render(<GpuPanel gpus={gpus(8, 1000)} width={98} since={500} now={1500} />).lastFrame()).split('\n');
	t.is(lines.length, 3, lines.join('\n'));
	t.is(lines[0], 'GPUs · 8 · live');
	t.true(lines.every(line => line.length <= 98));
	for (let i = 0; i < 8; i++) t.true(lines.some(line => new RegExp(`(^| )${i} +97% 68\\.4/79\\.6G`).test(line)), `GPU ${i} shown:\n${lines.join('\n')}`);
	const one = strip(render(<GpuPanel gpus={gpus(1, 1000)} width={98} since={500} now={1500} />).lastFrame());
	t.regex(one, /GPU0 NVIDIA H100… .+ 97% .+ 68\.4\/79\.6G/);
});

test('GPU panel: samples from before the active server started are marked stale', t => {
	const frame = strip(render(<GpuPanel gpus={gpus(2, 1000)} width={98} since={4000} now={6000} />).lastFrame());
	t.true(frame.startsWith('GPUs · 2 · stale: last sample 5s ago, from before this server started'), frame);
	const quiet = strip(render(<GpuPanel gpus={gpus(2, 1000)} width={98} since={500} now={20_000} />).lastFrame());
	t.true(quiet.startsWith('GPUs · 2 · stale: last sample 19s ago'), quiet);
});

test('live screen at 100×30: fits, shows p99 against the SLA and the round table', t => {
	const events = demoEvents();
	const cut = events.findIndex(e => e.type === 'qps-round-finished') + 6;
	const state = reduceAll(events.slice(0, cut));
	const lines = strip(render(<LiveScreen state={state} now={events[cut - 1]!.t} columns={100} rows={29} />).lastFrame()).split('\n');
	t.true(lines.length <= 29, `${lines.length} lines`);
	t.true(lines.every(line => line.length <= 100));
	const text = lines.join('\n');
	t.true(text.includes('TTFT p99 2400 ms ✘ SLA ≤ 2000 · p50 150'), text);
	t.true(text.includes('chat r1       2.00 → 1.90          400 ms'), text);
	t.true(text.includes('▶ running'));
});
