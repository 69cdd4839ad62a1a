import test from 'ava';
import type {Metrics} from '../../source/results/result-row.js';
import {checkSla} from '../../source/sla/check-sla.js';
import {describeSlaKey, goodputFromSla, parseSlaKey, slaKeysOf} from '../../source/sla/grammar.js';
import {slaBlockOf} from '../../source/sla/verdict.js';
import {percentileInterval} from '../../source/stats/intervals.js';

const metrics = {p99_ttft_ms: 2312.4, mean_tpot_ms: 20, success_rate: 0.95, request_goodput: null} as unknown as Metrics;

test('without intervals each SLA key is checked on its point figure, with a readable reason', t => {
	t.like(checkSla({max_p99_ttft_ms: 3000, max_mean_tpot_ms: 25}, metrics), {outcome: 'pass', passed: true, failures: []});
	const result = checkSla({max_p99_ttft_ms: 2000, max_mean_tpot_ms: 30, min_success_rate: 0.99}, metrics);
	t.false(result.passed);
	t.deepEqual(result.failures, ['p99_ttft_ms 2312.4 > 2000', 'success_rate 0.95 < 0.99']);
});

test('a metric that was not measured fails', t => {
	t.deepEqual(checkSla({min_request_goodput: 1, max_p50_itl_ms: 10}, metrics).failures, ['request_goodput not measured', 'p50_itl_ms not measured']);
	t.false(checkSla({max_p99_ttft_ms: 10}, null).passed);
});

const sorted = (n: number, scale = 1) => Array.from({length: n}, (_, i) => (i + 1) * scale);

test('with intervals: pass only when the whole interval is under the bound, fail only when it is all above', t => {
	// 200 samples 1..200 ms: p90 ≈ 180.1, its interval roughly 172–188.
	const interval = percentileInterval(sorted(200), 90);
	const m = {p90_ttft_ms: 180.1} as unknown as Metrics;
	t.is(checkSla({max_p90_ttft_ms: 195}, m, {p90_ttft_ms: interval}).outcome, 'pass');
	t.is(checkSla({max_p90_ttft_ms: 160}, m, {p90_ttft_ms: interval}).outcome, 'fail');
	const straddle = checkSla({max_p90_ttft_ms: 181}, m, {p90_ttft_ms: interval});
	t.is(straddle.outcome, 'undecided');
	t.is(straddle.passed, null);
	t.true(straddle.undecided);
	t.regex(straddle.undecidedReasons[0]!, /p90 TTFT 180\.1 ms: the 95 % interval .* straddles the bound 181 ms/);
	// The point alone (180.1 ≤ 181) would have passed: the interval is what makes it undecided.
	t.is(checkSla({max_p90_ttft_ms: 181}, m).outcome, 'pass');
});

test('p99 from 32 samples is undecided — "too few samples" — unless even its lower bound fails', t => {
	const interval = percentileInterval(sorted(32, 10), 99);
	const m = {p99_ttft_ms: 317} as unknown as Metrics;
	const verdict = checkSla({max_p99_ttft_ms: 1000}, m, {p99_ttft_ms: interval});
	t.is(verdict.outcome, 'undecided');
	t.regex(verdict.undecidedReasons[0]!, /too few samples for p99 TTFT: 32 \(an upper bound needs ≥ 368\)/);
	t.is(checkSla({max_p99_ttft_ms: 100}, m, {p99_ttft_ms: interval}).outcome, 'fail');
});

test('any fail beats undecided; undecided beats pass; the row block says passed null, undecided true', t => {
	const m = {p99_ttft_ms: 317, p50_tpot_ms: 50} as unknown as Metrics;
	const intervals = {p99_ttft_ms: percentileInterval(sorted(32, 10), 99), p50_tpot_ms: {lower: 45, upper: 55, samples: 32}};
	t.is(checkSla({max_p99_ttft_ms: 1000, max_p50_tpot_ms: 40}, m, intervals).outcome, 'fail');
	const undecided = checkSla({max_p99_ttft_ms: 1000, max_p50_tpot_ms: 60}, m, intervals);
	t.is(undecided.outcome, 'undecided');
	t.like(slaBlockOf(undecided), {passed: null, undecided: true, failures: []});
	t.false('undecided' in slaBlockOf(checkSla({max_p50_tpot_ms: 60}, m, intervals)));
});

test('goodput intervals: a lower bound above the minimum passes, an upper bound below it fails', t => {
	const m = {request_goodput: 5} as unknown as Metrics;
	t.is(checkSla({min_request_goodput: 3}, m, {request_goodput: {lower: 4, upper: 6, samples: 100}}).outcome, 'pass');
	t.is(checkSla({min_request_goodput: 7}, m, {request_goodput: {lower: 4, upper: 6, samples: 100}}).outcome, 'fail');
	t.is(checkSla({min_request_goodput: 5.5}, m, {request_goodput: {lower: 4, upper: 6, samples: 100}}).outcome, 'undecided');
});

test('one grammar: parsing, describing and the numeric keys of a block', t => {
	t.like(parseSlaKey('max_p95_tpot_ms'), {kind: 'max', stat: 'p95', metric: 'tpot', metricKey: 'p95_tpot_ms'});
	t.is(parseSlaKey('max_ttft_ms'), null);
	t.is(describeSlaKey('max_p99_ttft_ms', 2000), 'p99 TTFT ≤ 2000 ms');
	t.deepEqual(slaKeysOf({max_p99_ttft_ms: '300', passed: true, undecided: true, note: 'x'}), {max_p99_ttft_ms: 300});
});

test('goodput bounds come from the max_* keys, tightest wins, itl ignored', t => {
	t.deepEqual(
		goodputFromSla({max_p99_ttft_ms: 2000, max_p50_ttft_ms: 800, max_p99_tpot_ms: 50, max_mean_itl_ms: 9, max_p90_e2e_ms: 9000, min_success_rate: 1}),
		{
			ttftMs: 800,
			tpotMs: 50,
			e2eMs: 9000,
		},
	);
});
