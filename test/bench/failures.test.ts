import test from 'ava';
import type {WorkloadRow} from '../../source/results/workload-row.js';
import {runBenchmark} from '../../source/bench/run-benchmark.js';
import {type FailureMode, startFixedTimingServer} from '../helpers/fixed-timing-server.js';

const rows: WorkloadRow[] = Array.from({length: 6}, (_, index) => ({prompt: [1, 2, 3, index], output_len: 8}));

async function runWith(mode: FailureMode, options: {requestTimeoutMs?: number} = {}) {
	// Every other request fails in the given way.
	const server = await startFixedTimingServer({firstTokenMs: 5, tokenGapMs: 2, failure: index => (index % 2 === 1 ? mode : null)});
	try {
		return await runBenchmark({baseUrl: server.baseUrl, model: 'm', endpoint: '/v1/completions', rows, requestRate: 200, ...options});
	} finally {
		await server.close();
	}
}

const cases: Array<[FailureMode, RegExp, {requestTimeoutMs?: number}?]> = [
	['http-500', /^HTTP 500: internal engine failure$/],
	['error-mid-stream', /^stream error: scheduler aborted the request$/],
	['reset', /^(connection error|incomplete stream)/],
	['hang', /^timeout after 1500 ms$/, {requestTimeoutMs: 1500}],
	['truncate', /^truncated output: 4 of 8 tokens/],
];

for (const [mode, reason, options] of cases) {
	test(`${mode}: the run finishes, the reason is recorded, success rate is honest`, async t => {
		const summary = await runWith(mode, options);
		t.is(summary.completed + summary.failed, 6);
		t.is(summary.failed, 3, JSON.stringify(summary.errors));
		t.is(summary.successRate, 0.5);
		const failed = summary.records.filter(record => !record.success);
		t.is(failed.length, 3);
		for (const record of failed) t.regex(record.error!, reason);
		t.is(
			Object.values(summary.errors).reduce((a, b) => a + b, 0),
			3,
		);
		t.true(summary.records.filter(record => record.success).every(record => record.outputTokens === 8));
	});
}

test('no usage from the server: tokens are counted from chunks, and the summary says so', async t => {
	const summary = await runWith('no-usage');
	t.is(summary.completed, 6);
	t.deepEqual(
		summary.records.map(record => record.outputTokens),
		[8, 8, 8, 8, 8, 8],
	);
	t.is(summary.records.filter(record => record.outputTokensSource === 'chunks').length, 3);
	t.true(summary.notes!.some(note => note.includes('content chunks')));
});

test('connection refused counts every request as failed', async t => {
	const summary = await runBenchmark({baseUrl: 'http://127.0.0.1:9', model: 'm', endpoint: '/v1/completions', rows, requestRate: Number.POSITIVE_INFINITY});
	t.is(summary.failed, 6);
	t.is(summary.successRate, 0);
	t.regex(Object.keys(summary.errors)[0]!, /^connection error: ECONNREFUSED/);
});

test('abort cancels in-flight requests and summarizes what finished', async t => {
	const server = await startFixedTimingServer({firstTokenMs: 5, tokenGapMs: 2, failure: index => (index >= 2 ? 'hang' : null)});
	t.teardown(async () => server.close());
	const controller = new AbortController();
	const many: WorkloadRow[] = Array.from({length: 50}, () => ({prompt: 'x', output_len: 4}));
	// Abort once the two answering requests are done (the rest hang), however long the client took to
	// get ready or a loaded machine delays the server's timers; the 10 s fallback only stops a hang.
	const fallback = setTimeout(() => controller.abort(), 10_000);
	t.teardown(() => clearTimeout(fallback));
	const summary = await runBenchmark({
		baseUrl: server.baseUrl,
		model: 'm',
		endpoint: '/v1/completions',
		rows: many,
		requestRate: 20,
		signal: controller.signal,
		onProgress: progress => progress.completed >= 2 && controller.abort(),
	});
	t.deepEqual(summary.errors, {});
	t.true(summary.completed >= 2);
	t.true(summary.records.length < 50);
	t.true(summary.notes!.some(note => note.startsWith('aborted')));
});
