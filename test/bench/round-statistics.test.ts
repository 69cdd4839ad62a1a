import test from 'ava';
import type {RequestRecord} from '../../source/bench/bench-types.js';
import {summarize} from '../../source/bench/metrics.js';
import {roundStatistics} from '../../source/bench/round-statistics.js';

const record = (index: number, sentMs: number, e2eMs: number): RequestRecord => ({
	index,
	scheduledMs: sentMs,
	sentMs,
	ttftMs: 50,
	e2eMs,
	itlMs: [10, 10],
	promptTokens: 10,
	outputTokens: 3,
	success: true,
	error: null,
});
const options = {goodput: null, targetRate: 10, offeredRate: 10, warmupRequests: 2};

test('steady-window throughput is not diluted by ramp-up and drain; samples are counted per figure', t => {
	// 32 requests at 10 req/s, each taking 2 s: the run lasts 5.1 s, so the native figure says ~6.3 req/s.
	const records = Array.from({length: 32}, (_, i) => record(i, i * 100, 2000));
	const durationS = (31 * 100 + 2000) / 1000;
	const native = summarize(records, {durationS});
	t.true(native.requestThroughput < 6.5);
	const stats = roundStatistics([{records, durationS}], options);
	t.true(Math.abs(stats.steady_window.request_throughput! - 10) < 0.01, String(stats.steady_window.request_throughput));
	t.true(Math.abs(stats.achieved_ratio! - 1) < 0.1, String(stats.achieved_ratio));
	t.is(stats.samples.ttft, 32);
	t.is(stats.samples.itl, 64);
	t.is(stats.warmup_requests, 2);
	t.is(stats.intervals.p99_ttft_ms!.upper, null, 'p99 of 32 has no upper bound');
	const thr = stats.intervals.steady_request_throughput!;
	t.true(thr.lower! < 10 && thr.upper! > 10);
});

test('a server that cannot keep up achieves well under the offered rate', t => {
	// Offered 10 req/s, served one every 200 ms (5 req/s): latency grows by 100 ms per request.
	const records = Array.from({length: 64}, (_, i) => record(i, i * 100, 300 + i * 100));
	const durationS = (63 * 100 + 300 + 6300) / 1000;
	const stats = roundStatistics([{records, durationS}], options);
	t.true(Math.abs(stats.steady_window.request_throughput! - 5) < 0.2, String(stats.steady_window.request_throughput));
	t.true(stats.achieved_ratio! < 0.7, String(stats.achieved_ratio));
});

test('batches pool: samples add up and the throughput interval narrows', t => {
	const batch = {records: Array.from({length: 64}, (_, i) => record(i, i * 100, 1000)), durationS: 7.3};
	const one = roundStatistics([batch], options);
	const two = roundStatistics([batch, batch], options);
	t.is(two.samples.ttft, 128);
	t.is(two.batches, 2);
	const width = (s: typeof one) => s.intervals.steady_request_throughput!.upper! - s.intervals.steady_request_throughput!.lower!;
	t.true(width(two) < width(one) * 0.8);
});

test('completions bunched after the arrivals are no steady state: the whole duration counts, never above the offered rate', t => {
	// 50 requests at 20 req/s to a server that prefills everything first and then finishes them all
	// within 0.25 s after the last arrival (SGLang's prefill-first scheduler in a short round): the
	// middle 80 % of completions span 0.2 s, which would read ~200 req/s.
	const records = Array.from({length: 50}, (_, i) => record(i, i * 50, 3000 - i * 50 + i * 5));
	const durationS = (49 * 50 + 3000 - 49 * 50 + 49 * 5) / 1000;
	const stats = roundStatistics([{records, durationS}], {...options, targetRate: 20, offeredRate: 20});
	const thr = stats.steady_window.request_throughput!;
	t.true(thr <= 20, `throughput ${thr} must not exceed the offered 20 req/s`);
	t.true(Math.abs(thr - 50 / durationS) < 1e-9, String(thr));
	t.is(stats.steady_window.unsteady_batches, 1);
	t.regex(stats.steady_window.rule, /no steady state/);
	t.is(stats.steady_window.start_s, null);
});

test('a steady batch keeps its window and is not marked unsteady', t => {
	const records = Array.from({length: 50}, (_, i) => record(i, i * 50, 800 + ((i * 37) % 11) * 20));
	const stats = roundStatistics([{records, durationS: (49 * 50 + 1000) / 1000}], {...options, targetRate: 20, offeredRate: 20});
	t.is(stats.steady_window.unsteady_batches, 0);
	t.true(Math.abs(stats.steady_window.request_throughput! - 20) < 3, String(stats.steady_window.request_throughput));
	t.notRegex(stats.steady_window.rule, /no steady state/);
});
