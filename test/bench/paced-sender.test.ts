import http from 'node:http';
import net from 'node:net';
import {performance} from 'node:perf_hooks';
import test, {type ExecutionContext} from 'ava';
import {type PacedSender, pacedSender} from '../../source/bench/paced-sender.js';
import {captureWrites} from '../../source/bench/paced-write.js';
import {requestBody} from '../../source/bench/request-body.js';
import {runBenchmark} from '../../source/bench/run-benchmark.js';
import {streamRequest, type StreamResult} from '../../source/bench/stream-request.js';
import type {WorkloadRow} from '../../source/results/workload-row.js';
import {startFixedTimingServer} from '../helpers/fixed-timing-server.js';
import {waitFor} from '../helpers/wait-for.js';

/** A TCP server that keeps every byte each connection sent, in connection order. */
async function recordingServer(): Promise<{port: number; received: string[]; close(): void}> {
	const received: string[] = [];
	const sockets: net.Socket[] = [];
	const server = net.createServer(socket => {
		const index = received.push('') - 1;
		sockets.push(socket);
		socket.setEncoding('latin1').on('data', (part: string) => (received[index] += part));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as net.AddressInfo).port,
		received,
		close() {
			for (const socket of sockets) socket.destroy();
			server.close();
		},
	};
}

async function connected(port: number): Promise<net.Socket> {
	const socket = net.connect(port, '127.0.0.1');
	await new Promise(resolve => socket.once('connect', resolve));
	return socket;
}

/** A ready sender with `slots` slots and a recording server, both closed when the test ends. */
async function senderAndServer(t: ExecutionContext, slots: number): Promise<{server: Awaited<ReturnType<typeof recordingServer>>; sender: PacedSender}> {
	const server = await recordingServer();
	const sender = pacedSender(slots);
	t.teardown(() => {
		sender.close();
		server.close();
	});
	await sender.ready;
	return {server, sender};
}

const fdOf = (socket: net.Socket): number => (socket as unknown as {_handle: {fd: number}})._handle.fd;

test.serial('the worker writes each armed request once, on its socket, never before its target', async t => {
	const {server, sender} = await senderAndServer(t, 8);
	const first = await connected(server.port);
	const second = await connected(server.port);
	const at = performance.now() + 30;
	const slots = [sender.arm(fdOf(second), Buffer.from('second'), at + 5, t.fail), sender.arm(fdOf(first), Buffer.from('first'), at, t.fail)];
	t.is(sender.sentMs(slots[0]!), null, 'nothing is stamped before the worker writes');
	await waitFor(() => server.received.join('|') === 'first|second');
	const sent = slots.map(slot => sender.sentMs(slot)!);
	// The worker reads the same monotonic clock; converting between the threads' origins costs µs.
	t.true(sent[1]! >= at - 0.05, `first written ${at - sent[1]!} ms early`);
	t.true(sent[0]! >= at + 5 - 0.05 && sent[0]! >= sent[1]!, 'in target order, not arm order');
	for (const slot of slots) sender.release(slot);
	first.destroy();
	second.destroy();
});

test.serial('the worker is woken only for a job due before its own wake-up, and every job still goes on time', async t => {
	// The main thread notifies the sleeping worker only when a new job is due before the worker would
	// wake anyway (paced-sender.ts: a notify per flush makes a real-time sender wait on V8's futex
	// lock). Here: a job armed while the worker sleeps towards a later one must still go at its own
	// time, and one armed later than the worker's target must go at its time too.
	const {server, sender} = await senderAndServer(t, 8);
	const socket = await connected(server.port);
	const start = performance.now();
	const late = sender.arm(fdOf(socket), Buffer.from('c'), start + 300, t.fail);
	await new Promise(resolve => setTimeout(resolve, 20));
	const early = sender.arm(fdOf(socket), Buffer.from('a'), start + 80, t.fail);
	const middle = sender.arm(fdOf(socket), Buffer.from('b'), start + 150, t.fail);
	await waitFor(() => server.received.join('') === 'abc');
	const at = [early, middle, late].map(slot => sender.sentMs(slot)! - start);
	// Never before; well before the next target (a job left for the worker's later wake-up would
	// go at 300 ms, not 80 or 150).
	t.true(at[0]! >= 80 - 0.05 && at[0]! < 140, `the earlier job went at ${at[0]} ms, not when the worker woke for the later one`);
	t.true(at[1]! >= 150 - 0.05 && at[1]! < 280, `the middle job went at ${at[1]} ms`);
	t.true(at[2]! >= 300 - 0.05, `the first-armed job went at ${at[2]} ms`);
	for (const slot of [early, middle, late]) sender.release(slot);
	socket.destroy();
});

test.serial('a released arm is never written, even after its slot is armed again for another socket', async t => {
	const {server, sender} = await senderAndServer(t, 1);
	const socket = await connected(server.port);
	const stale = sender.arm(fdOf(socket), Buffer.from('stale'), performance.now() + 20, t.fail);
	await new Promise(resolve => setTimeout(resolve, 5));
	sender.release(stale);
	t.is(sender.arm(fdOf(socket), Buffer.from('x'), performance.now(), t.fail), stale, 'one slot, reused');
	t.is(sender.arm(fdOf(socket), Buffer.from('y'), performance.now(), t.fail), -1, 'no second slot');
	await new Promise(resolve => setTimeout(resolve, 60));
	t.is(server.received.join(''), 'x');
	sender.release(stale);
	socket.destroy();
});

test.serial('a failed write comes back as its error code, stamped', async t => {
	const sender = pacedSender(2);
	t.teardown(() => sender.close());
	await sender.ready;
	const codes: string[] = [];
	// Far above any descriptor this process opens.
	const slot = sender.arm(65_000, Buffer.from('nobody'), performance.now(), code => codes.push(code));
	await waitFor(() => codes.length === 1);
	t.is(codes[0], 'EBADF');
	t.not(sender.sentMs(slot), null);
	sender.release(slot);
});

test.serial('a socket that closes before its send: the arm is withdrawn first, so a reused descriptor never gets the bytes', async t => {
	const server = await recordingServer();
	const sender = pacedSender(1);
	const agent = new http.Agent({keepAlive: true});
	t.teardown(() => {
		agent.destroy();
		sender.close();
		server.close();
	});
	await sender.ready;
	const target = {url: new URL(`http://127.0.0.1:${server.port}/v1/completions`), agent, headers: {}, timeoutMs: 5000};
	const atMs = performance.now() + 150;
	let oldFd = -1;
	let inFlight!: ReturnType<typeof streamRequest>;
	const pending = new Promise<StreamResult>(resolve => {
		inFlight = streamRequest(target, '{}', resolve, {sender, atMs});
	});
	await waitFor(() => server.received.length === 1);
	const [socket] = Object.values(agent.sockets).flat() as net.Socket[];
	oldFd = fdOf(socket!);
	socket!.destroy();
	// The descriptor closed inside destroy(); its arm must have gone with it, before any event.
	const probe = sender.arm(65_000, Buffer.from('probe'), performance.now() + 60_000, t.fail);
	t.is(probe, 0, 'the only slot is free again');
	sender.release(probe);
	// Cancelled before its socket's error arrives, so it is not sent again on a fresh connection.
	inFlight.cancel('cancelled');
	const result = await pending;
	t.is(result.error, 'cancelled');
	const next = await connected(server.port);
	t.log(`descriptor ${oldFd} closed; the next connection got ${fdOf(next)}`);
	await new Promise(resolve => setTimeout(resolve, Math.max(0, atMs - performance.now()) + 40));
	t.deepEqual(server.received, ['', ''], 'nothing written on either connection');
	next.destroy();
});

test.serial('a paced request whose idle connection the server closes before the send goes once, on a fresh connection', async t => {
	const bodies: string[] = [];
	let connections = 0;
	const server = http.createServer((request, response) => {
		let text = '';
		request.on('data', (part: Buffer) => (text += part.toString()));
		request.on('end', () => {
			bodies.push(text);
			response.writeHead(200, {'content-type': 'text/event-stream'});
			response.end('data: {"choices":[{"text":"a","finish_reason":"length"}]}\n\ndata: [DONE]\n\n');
		});
	});
	// The first connection is closed by the server while the request waits on it, as an idle timeout would.
	server.on('connection', socket => {
		if (++connections === 1) setTimeout(() => socket.destroy(), 20);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const sender = pacedSender(4);
	const agent = new http.Agent({keepAlive: true});
	t.teardown(() => {
		agent.destroy();
		sender.close();
		server.close();
	});
	await sender.ready;
	const port = (server.address() as net.AddressInfo).port;
	const target = {url: new URL(`http://127.0.0.1:${port}/v1/completions`), agent, headers: {}, timeoutMs: 5000};
	const atMs = performance.now() + 80;
	const result = await new Promise<StreamResult>(resolve => {
		streamRequest(target, '{"n":1}', resolve, {sender, atMs});
	});
	t.is(result.error, null);
	t.is(connections, 2);
	t.deepEqual(bodies, ['{"n":1}'], 'sent exactly once');
	t.true(result.sentMs >= atMs - 0.05, 'still at its time');
});

test.serial("captured request bytes are exactly what Node's http client would send, and none reach the socket", async t => {
	const server = await recordingServer();
	t.teardown(() => server.close());
	const body = '{"prompt":[1,2,3]}';
	const request = http.request({
		host: '127.0.0.1',
		port: server.port,
		method: 'POST',
		path: '/v1/completions',
		headers: {'content-type': 'application/json', 'content-length': Buffer.byteLength(body)},
	});
	request.on('error', () => {});
	const socket = await new Promise<net.Socket>(resolve => request.once('socket', resolve));
	const bytes = captureWrites(socket, () => request.end(body))!.toString('latin1');
	t.regex(bytes, /^POST \/v1\/completions HTTP\/1\.1\r\n/);
	t.true(bytes.includes('content-length: 18\r\n'));
	t.true(bytes.endsWith(`\r\n\r\n${body}`));
	await new Promise(resolve => setTimeout(resolve, 30));
	t.is(server.received.join(''), '', 'the server saw a connection, no bytes');
	request.destroy();
});

const rows = (count: number): WorkloadRow[] => Array.from({length: count}, (_, index) => ({prompt: `prompt number ${index}`, output_len: 4, prompt_len: 3}));

test.serial('paced: the body the server receives is the one built before the clock, and TTFT counts from the write', async t => {
	const server = await startFixedTimingServer({firstTokenMs: 30, tokenGapMs: 2});
	const sender = pacedSender(4);
	t.teardown(async () => {
		sender.close();
		await server.close();
	});
	await sender.ready;
	const options = {baseUrl: server.baseUrl, model: 'm', endpoint: '/v1/completions' as const, rows: rows(1), requestRate: 1};
	const body = requestBody(options, options.rows[0]!);
	const agent = new http.Agent({keepAlive: true});
	t.teardown(() => agent.destroy());
	const atMs = performance.now() + 40;
	const result = await new Promise<StreamResult>(resolve =>
		streamRequest({url: new URL(`${server.baseUrl}/v1/completions`), agent, headers: {'content-type': 'application/json'}, timeoutMs: 5000}, body, resolve, {
			sender,
			atMs,
		}),
	);
	t.is(result.error, null);
	t.deepEqual(server.bodies[0], JSON.parse(body));
	t.true(result.sentMs >= atMs - 0.05, `sent ${atMs - result.sentMs} ms early`);
	t.true(server.arrivals[0]! >= result.sentMs, 'the server saw it after the stamp');
	t.true(result.ttftMs! >= 30, `ttft ${result.ttftMs}`);
});

test.serial('paced run: every request is sent once, in schedule order, none before its time; a capped run keeps the main-thread timer', async t => {
	const server = await startFixedTimingServer({firstTokenMs: 1, tokenGapMs: 1});
	t.teardown(async () => server.close());
	// More than the worker's 1,024 sent jobs it keeps before compacting its queue.
	const count = 1200;
	const summary = await runBenchmark({baseUrl: server.baseUrl, model: 'm', endpoint: '/v1/completions', rows: rows(count), requestRate: 2000, seed: 3});
	t.is(summary.completed, count);
	t.is(server.arrivals.length, count);
	t.deepEqual(
		server.bodies.map(body => body.prompt).sort(),
		rows(count)
			.map(row => row.prompt)
			.sort(),
		'each prompt exactly once',
	);
	const sent = summary.records.map(record => record.sentMs);
	t.true(
		sent.every((at, index) => index === 0 || at >= sent[index - 1]!),
		'the worker writes in target order',
	);
	t.true(
		summary.records.every(record => record.sentMs >= record.scheduledMs - 0.05),
		'never early',
	);
	const capped = await runBenchmark({
		baseUrl: server.baseUrl,
		model: 'm',
		endpoint: '/v1/completions',
		rows: rows(20),
		requestRate: 400,
		maxConcurrency: 2,
		seed: 3,
	});
	t.is(capped.completed, 20);
});
