import test from 'ava';
import WebSocket, {WebSocketServer} from 'ws';
import {serveWs} from '../../source/remote/serve-ws.js';
import {connectRemoteSession} from '../../source/remote/remote-session.js';
import {parseHostPort} from '../../source/remote/host-port.js';
import {UsageError} from '../../source/errors.js';
import {createFakeSession} from '../helpers/fake-session.js';
import {demoEvents} from '../helpers/demo-events.js';
import {waitFor} from '../helpers/wait-for.js';

const events = demoEvents();

/** A raw viewer: collects every parsed server message. */
async function rawViewer(url: string) {
	const socket = new WebSocket(url);
	const messages: Array<{type: string; [key: string]: unknown}> = [];
	socket.on('message', raw => messages.push(JSON.parse(String(raw))));
	await new Promise(resolve => socket.once('open', resolve));
	return {socket, messages, errors: () => messages.filter(m => m.type === 'error').map(m => m.message as string)};
}

test('a viewer gets history first, then live events, in order', async t => {
	const session = createFakeSession();
	for (const event of events.slice(0, 10)) session.emit(event);
	const server = await serveWs(session, '127.0.0.1:0');
	t.regex(server.url, /^ws:\/\/127\.0\.0\.1:\d+$/);
	t.regex(server.token, /^[0-9a-f]{32}$/);
	const remote = await connectRemoteSession(server.url);
	for (const event of events.slice(10, 20)) session.emit(event);
	t.true(await waitFor(() => remote.history.length === 20));
	t.deepEqual(remote.history, events.slice(0, 20));
	t.false(remote.control);
	remote.close();
	await server.close();
});

test('attach: without the token a viewer cannot skip; with it, it can', async t => {
	const session = createFakeSession(events.slice(0, 12));
	await session.play();
	const server = await serveWs(session, 0);

	const readOnly = await connectRemoteSession(server.url);
	readOnly.skip('sglang-00-baseline');
	readOnly.abort('nope');
	t.true(await waitFor(() => readOnly.history.filter(e => e.type === 'warning').length === 2));
	t.regex(JSON.stringify(readOnly.history.at(-1)), /read-only viewer: 'abort' needs the token/);
	t.deepEqual(session.calls.skip, []);
	t.deepEqual(session.calls.abort, []);

	const wrong = await connectRemoteSession(server.url, {token: 'not-the-token'});
	t.true(await waitFor(() => wrong.history.some(e => e.type === 'warning' && e.message.includes('wrong token'))));
	wrong.skip('sglang-00-baseline');
	t.true(await waitFor(() => wrong.history.some(e => e.type === 'warning' && e.message.includes('read-only viewer'))));
	t.deepEqual(session.calls.skip, []);

	const steering = await connectRemoteSession(server.url, {token: server.token});
	t.true(await waitFor(() => steering.control));
	steering.skip('sglang-00-baseline');
	t.true(await waitFor(() => session.calls.skip.length === 1));
	t.deepEqual(session.calls.skip, ['sglang-00-baseline']);

	for (const viewer of [readOnly, wrong, steering]) viewer.close();
	await server.close();
});

test('malformed viewer messages are rejected with a reason and the server keeps serving', async t => {
	const session = createFakeSession(events.slice(0, 3));
	await session.play();
	const server = await serveWs(session, 0);
	const viewer = await rawViewer(server.url);
	viewer.socket.send('this is not json');
	viewer.socket.send(JSON.stringify({type: 'skip', candidateId: 42}));
	viewer.socket.send(JSON.stringify({type: 'reboot-the-box'}));
	t.true(await waitFor(() => viewer.errors().length === 3));
	t.is(viewer.errors()[0], 'malformed message: not JSON');
	t.regex(viewer.errors()[1]!, /^malformed message at candidateId: /);
	t.regex(viewer.errors()[2]!, /^malformed message at type: /);
	// Still alive: authenticates and steers afterwards.
	viewer.socket.send(JSON.stringify({type: 'auth', token: server.token}));
	viewer.socket.send(JSON.stringify({type: 'abort', reason: 'from the test'}));
	t.true(await waitFor(() => session.calls.abort.length === 1));
	t.deepEqual(session.calls.abort, ['from the test']);
	t.is(viewer.messages[0]!.type, 'hello');
	t.is(viewer.messages.filter(m => m.type === 'event').length, 3);
	viewer.socket.close();
	await server.close();
});

test('a malformed server message becomes a warning for the viewer, not a crash', async t => {
	const fake = new WebSocketServer({host: '127.0.0.1', port: 0});
	await new Promise(resolve => fake.once('listening', resolve));
	fake.on('connection', socket => {
		socket.send(JSON.stringify({type: 'hello', protocol: 1, control: false, historyLength: 1}));
		socket.send('{"type":"event","event":{"type":"warning"}}');
		socket.send('garbage');
		socket.send(JSON.stringify({type: 'event', event: events[0]}));
	});
	const port = (fake.address() as {port: number}).port;
	const remote = await connectRemoteSession(`ws://127.0.0.1:${port}`);
	t.true(await waitFor(() => remote.history.some(e => e.type === 'run-started')));
	const warnings = remote.history.filter(e => e.type === 'warning').map(e => (e.type === 'warning' ? e.message : ''));
	t.is(warnings.length, 2);
	t.regex(warnings[0]!, /^remote: malformed message at event/);
	t.is(warnings[1], 'remote: malformed message: not JSON');
	remote.close();
	t.is(await remote.closed, 'viewer left');
	for (const client of fake.clients) client.terminate();
	await new Promise(resolve => fake.close(resolve));
});

test('[HOST:]PORT parsing defaults to loopback and rejects nonsense', t => {
	t.deepEqual(parseHostPort('7070'), {host: '127.0.0.1', port: 7070});
	t.deepEqual(parseHostPort('0.0.0.0:7070'), {host: '0.0.0.0', port: 7070});
	t.deepEqual(parseHostPort('[::1]:7070'), {host: '::1', port: 7070});
	t.throws(() => parseHostPort('localhost:http'), {instanceOf: UsageError, message: /--serve-ws: 'localhost:http' is not \[HOST:\]PORT/});
	t.throws(() => parseHostPort('70000'), {instanceOf: UsageError});
});
