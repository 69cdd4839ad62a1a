import http from 'node:http';
import type {AddressInfo} from 'node:net';
import test from 'ava';
import {runBenchmark} from '../../source/bench/run-benchmark.js';

/** Chunks a buggy or hostile server may stream; each must be that request's counted failure. */
const badChunks = [
	'null',
	'5',
	'"text"',
	'[]',
	'{"choices": "x"}',
	'{"choices": [null]}',
	'{"choices": [5]}',
	'{"choices": [{"text": 5}]}',
	'{"choices": [{"delta": "x"}]}',
	'{"choices": [{"delta": {"content": {"a": 1}}}]}',
	'{"usage": 7, "choices": []}',
	'{"choices": [{"finish_reason": 3, "text": "a"}]}',
];

test('every unexpected chunk shape is a counted request failure, never a crash', async t => {
	let index = 0;
	const server = http.createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const chunk = badChunks[index++ % badChunks.length]!;
			response.writeHead(200, {'content-type': 'text/event-stream'});
			response.end(`data: {"choices": [{"text": "ok"}]}\n\ndata: ${chunk}\n\ndata: [DONE]\n\n`);
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	try {
		const rows = badChunks.map((_, i) => ({prompt: [1, 2, i], output_len: 4}));
		const summary = await runBenchmark({
			baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
			model: 'm',
			endpoint: '/v1/completions',
			rows,
			requestRate: Number.POSITIVE_INFINITY,
			maxConcurrency: 1,
		});
		t.is(summary.failed, badChunks.length);
		t.is(summary.completed, 0);
		for (const record of summary.records) t.regex(record.error ?? '', /^unexpected stream chunk/);
	} finally {
		server.close();
	}
});
