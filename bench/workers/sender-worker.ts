import {parentPort} from 'node:worker_threads';
import type {WorkloadRow} from '../../source/bench/bench-types.js';
import {runBenchmark} from '../../source/bench/run-benchmark.js';

/**
 * The "dedicated sender" option of `npm run bench -- load-client` (issue 18): the whole load client
 * (scheduling, sockets, sending, SSE parsing, per-request records) runs in this worker thread and
 * the main thread only receives each finished summary by message, as a client moved off the TUI's
 * thread would. It lives across phases so its code is as JIT-warm as the main thread's. Not a bench
 * area: bench/run-all.ts runs only bench/*.ts.
 */
export type SenderJob = {baseUrl: string; rate: number; count: number; seed: number};

const rows = (count: number): WorkloadRow[] =>
	Array.from({length: count}, (_, index) => ({prompt: Array.from({length: 32}, (_, j) => 1000 + ((index + j) % 5000)), output_len: 32, prompt_len: 32}));

parentPort!.on('message', async (job: SenderJob) => {
	const summary = await runBenchmark({
		baseUrl: job.baseUrl,
		model: 'm',
		endpoint: '/v1/completions',
		rows: rows(job.count),
		requestRate: job.rate,
		seed: job.seed,
	});
	parentPort!.postMessage(summary);
});
parentPort!.postMessage('ready');
