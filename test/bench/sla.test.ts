import test from 'ava';
import type {Metrics} from '../../source/results/result-row.js';
import {checkSla, goodputFromSla} from '../../source/bench/sla.js';

const metrics = {p99_ttft_ms: 2312.4, mean_tpot_ms: 20, success_rate: 0.95, request_goodput: null} as unknown as Metrics;

test('each SLA key is checked, with a readable reason', t => {
	t.deepEqual(checkSla({max_p99_ttft_ms: 3000, max_mean_tpot_ms: 25}, metrics), {passed: true, failures: []});
	const result = checkSla({max_p99_ttft_ms: 2000, max_mean_tpot_ms: 30, min_success_rate: 0.99}, metrics);
	t.false(result.passed);
	t.deepEqual(result.failures, ['p99_ttft_ms 2312.4 > 2000', 'success_rate 0.95 < 0.99']);
});

test('a metric that was not measured fails', t => {
	t.deepEqual(checkSla({min_request_goodput: 1, max_p50_itl_ms: 10}, metrics).failures, [
		'request_goodput not measured',
		'p50_itl_ms not measured',
	]);
	t.false(checkSla({max_p99_ttft_ms: 10}, null).passed);
});

test('goodput bounds come from the max_* keys, tightest wins, itl ignored', t => {
	t.deepEqual(goodputFromSla({max_p99_ttft_ms: 2000, max_p50_ttft_ms: 800, max_p99_tpot_ms: 50, max_mean_itl_ms: 9, max_p90_e2e_ms: 9000, min_success_rate: 1}), {
		ttftMs: 800,
		tpotMs: 50,
		e2eMs: 9000,
	});
});
