import test from 'ava';
import * as v from 'valibot';
import type {RequestRecord} from '../../source/bench/bench-types.js';
import {summarize, toRowMetrics} from '../../source/bench/metrics.js';
import {MetricsSchema} from '../../source/results/result-row.js';

function record(index: number, fields: Partial<RequestRecord>): RequestRecord {
	return {
		index,
		scheduledMs: 0,
		sentMs: 0,
		ttftMs: 10,
		e2eMs: 100,
		itlMs: [30, 30, 30],
		promptTokens: 8,
		outputTokens: 4,
		success: true,
		error: null,
		...fields,
	};
}

test('formulas follow the native clients', t => {
	const records = [
		record(0, {}),
		record(1, {ttftMs: 20, e2eMs: 50, itlMs: [30], outputTokens: 2}),
		record(2, {ttftMs: 5, e2eMs: 5, itlMs: [], outputTokens: 1}),
		record(3, {success: false, error: 'HTTP 500: boom', ttftMs: null, e2eMs: null, itlMs: [], outputTokens: null}),
	];
	const summary = summarize(records, {durationS: 2, goodput: {ttftMs: 15}, requestRate: 4, numPrompts: 4});
	t.is(summary.completed, 3);
	t.is(summary.failed, 1);
	t.is(summary.successRate, 0.75);
	t.is(summary.requestThroughput, 1.5);
	t.is(summary.outputTokenThroughput, (4 + 2 + 1) / 2);
	t.is(summary.totalTokenThroughput, (7 + 24) / 2);
	// TPOT excludes the first token and single-token requests: (100-10)/3 = 30, (50-20)/1 = 30.
	t.is(summary.latency.mean_tpot_ms, 30);
	t.is(summary.latency.p50_ttft_ms, 10);
	// ITL pooled over all chunk gaps of successful requests.
	t.is(summary.latency.mean_itl_ms, 30);
	// e2e sorted [5, 50, 100]: rank 0.99·2 = 1.98 → 50 + 50·0.98.
	t.is(summary.latency.p99_e2e_ms, 99);
	// Goodput: requests 0 and 2 meet ttft <= 15.
	t.is(summary.requestGoodput, 1);
	t.deepEqual(summary.errors, {'HTTP 500: boom': 1});
});

test('row metrics: missing is null, never 0', t => {
	const failedOnly = summarize([record(0, {success: false, error: 'timeout after 5 ms', ttftMs: null, e2eMs: null, itlMs: []})], {durationS: 1});
	const metrics = toRowMetrics(failedOnly);
	t.true(v.is(MetricsSchema, metrics));
	t.is(metrics.p99_ttft_ms, null);
	t.is(metrics.mean_itl_ms, null);
	t.is(metrics.request_goodput, null);
	t.is(metrics.success_rate, 0);
	t.is(metrics.failed, 1);

	const empty = toRowMetrics(summarize([], {durationS: 0}));
	t.is(empty.request_throughput, null);
	t.is(empty.success_rate, null);
	t.is(empty.completed, null);
});
