import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {performance} from 'node:perf_hooks';
import test from 'ava';
import type {WorkloadRow} from '../../source/bench/bench-types.js';
import {preciseTimer} from '../../source/bench/precise-timer.js';
import {runBenchmark, warmConnectionCount} from '../../source/bench/run-benchmark.js';
import {warmAgent} from '../../source/bench/warm-agent.js';

/** A server that counts TCP connections and requests, answering each with a one-token stream. */
async function countingServer(): Promise<{baseUrl: string; connections: () => number; requests: () => number; drop: () => void; close: () => Promise<void>}> {
	let connections = 0;
	let requests = 0;
	const sockets = new Set<import('node:net').Socket>();
	const server = http.createServer((request, response) => {
		requests++;
		request.resume();
		request.on('end', () => {
			response.writeHead(200, {'content-type': 'text/event-stream'});
			response.end(
				'data: {"choices":[{"index":0,"text":" t","finish_reason":"length"}]}\n\ndata: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1}}\n\ndata: [DONE]\n\n',
			);
		});
	});
	server.on('connection', socket => {
		connections++;
		sockets.add(socket);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		connections: () => connections,
		requests: () => requests,
		drop: () => {
			for (const socket of sockets) socket.destroy();
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}

test('a burst goes out on connections opened before the clock: no dial during the burst, no extra request', async t => {
	const server = await countingServer();
	t.teardown(server.close);
	const rows: WorkloadRow[] = Array.from({length: 40}, () => ({prompt: [1, 2, 3], output_len: 1}));
	const summary = await runBenchmark({
		baseUrl: server.baseUrl,
		model: 'm',
		endpoint: '/v1/completions',
		rows,
		requestRate: Number.POSITIVE_INFINITY,
		maxConcurrency: 25,
	});
	t.is(summary.completed, 40);
	t.is(server.requests(), 40, 'warming sends nothing');
	t.is(server.connections(), 25, 'min(num_prompts, max_concurrency) connections, all opened ahead and reused');
});

test('parked connections that the server closed are skipped, not handed to a request', async t => {
	const server = await countingServer();
	t.teardown(server.close);
	const pool = warmAgent(new URL(`${server.baseUrl}/v1/completions`));
	t.teardown(() => pool.destroy());
	t.is(await pool.warm(3), 3);
	// The client's connect completes in the kernel; wait until this process's server accepted all three.
	while (server.connections() < 3) await new Promise(resolve => setTimeout(resolve, 5));
	server.drop();
	await new Promise(resolve => setTimeout(resolve, 50));
	t.is(pool.parked, 0);
	const status = await new Promise<number>((resolve, reject) => {
		const request = http.request(`${server.baseUrl}/v1/completions`, {method: 'POST', agent: pool.agent}, response => {
			response.resume();
			resolve(response.statusCode ?? 0);
		});
		request.on('error', reject);
		request.end('{}');
	});
	t.is(status, 200, 'a fresh connection was dialled instead');
});

test('how many connections to warm: a burst is capped by max_concurrency, a paced run by its first second', t => {
	t.is(warmConnectionCount([0, 0, 0, 0, 0], null), 5);
	t.is(warmConnectionCount([0, 0, 0, 0, 0], 2), 2);
	t.is(warmConnectionCount([100, 600, 999, 1500, 2500], null), 3);
	t.is(
		warmConnectionCount(
			Array.from({length: 5000}, () => 0),
			null,
		),
		1024,
		'never more than the agent keeps idle',
	);
	t.is(warmConnectionCount([50, 90, 150], null, 0.1), 2, 'the horizon is one server second');
});

test('the precise timer wakes once per target, in order, never early, and a cancelled target never fires', async t => {
	const woken: number[] = [];
	let resolveDone!: () => void;
	const done = new Promise<void>(resolve => {
		resolveDone = resolve;
	});
	let target = 0;
	let remaining = 30;
	const timer = preciseTimer(() => {
		woken.push(performance.now() - target);
		if (--remaining === 0) {
			resolveDone();
			return;
		}
		target = performance.now() + 0.3;
		timer.wakeAt(target);
	});
	t.teardown(() => timer.close());
	await timer.ready;
	target = performance.now() + 0.3;
	timer.wakeAt(target);
	await done;
	t.is(woken.length, 30);
	// The worker reads the same monotonic clock; a conversion between the threads' origins is at most µs.
	t.true(
		woken.every(late => late >= -0.02),
		`earliest ${Math.min(...woken)} ms`,
	);

	let fired = false;
	const cancelled = preciseTimer(() => {
		fired = true;
	});
	t.teardown(() => cancelled.close());
	await cancelled.ready;
	cancelled.wakeAt(performance.now() + 5);
	cancelled.cancel();
	await new Promise(resolve => setTimeout(resolve, 30));
	t.false(fired);
});
