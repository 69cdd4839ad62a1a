import {randomBytes, timingSafeEqual} from 'node:crypto';
import {WebSocketServer, type WebSocket} from 'ws';
import type {Session} from '../engine/session-types.js';
import {ClientMessageSchema, parseMessage, protocolVersion, type ClientMessage, type OutgoingMessage} from './messages.js';
import {parseHostPort, wsUrl} from './host-port.js';

export type WsServer = {url: string; token: string; close(): Promise<void>};

// A viewer that cannot keep up is dropped rather than buffered without bound.
const maxBufferedBytes = 16 * 1024 * 1024;
// Each viewer gets the whole history replayed and every event after: a bound keeps a flood of
// connections from starving the run. Refused viewers are told why.
export const maxViewers = 16;

/**
 * Serves a session's event stream over ws: history first, then live. Viewers are read-only until
 * they send the token (printed at start); with it they may skip, abort and proceed. Every frame a
 * viewer sends is validated; a bad one gets an error message and the connection stays up.
 */
export async function serveWs(session: Session, hostPort: string | number, viewerLimit = maxViewers): Promise<WsServer> {
	const {host, port} = parseHostPort(hostPort);
	const token = randomBytes(16).toString('hex');
	const server = new WebSocketServer({host, port, maxPayload: 64 * 1024});
	await new Promise<void>((resolve, reject) => {
		server.once('listening', resolve);
		server.once('error', reject);
	});
	const unsubscribes = new Set<() => void>();

	server.on('connection', (socket: WebSocket) => {
		if (server.clients.size > viewerLimit) {
			socket.send(
				JSON.stringify({
					type: 'error',
					message: `too many viewers: this run serves at most ${viewerLimit}; close another viewer and attach again`,
				} satisfies OutgoingMessage),
			);
			socket.close(1013, 'too many viewers');
			return;
		}

		let control = false;
		const send = (message: OutgoingMessage) => {
			if (socket.readyState !== socket.OPEN) return;
			if (socket.bufferedAmount > maxBufferedBytes) {
				socket.close(1013, 'viewer too slow');
				return;
			}

			socket.send(JSON.stringify(message));
		};

		// Snapshot and subscribe in the same tick: no event is lost or sent twice.
		send({type: 'hello', protocol: protocolVersion, control, historyLength: session.history.length});
		for (const event of session.history) send({type: 'event', event});
		const unsubscribe = session.subscribe(event => send({type: 'event', event}));
		unsubscribes.add(unsubscribe);
		socket.on('close', () => {
			unsubscribe();
			unsubscribes.delete(unsubscribe);
		});
		socket.on('error', () => socket.terminate());
		socket.on('message', raw => {
			const parsed = parseMessage(ClientMessageSchema, raw);
			if (!parsed.ok) {
				send({type: 'error', message: parsed.message});
				return;
			}

			if (parsed.value.type === 'auth') {
				control = tokensMatch(parsed.value.token, token);
				send({type: 'auth-result', control, message: control ? 'control granted: skip and abort allowed' : 'wrong token: this viewer stays read-only'});
				return;
			}

			if (!control) {
				send({type: 'error', message: `read-only viewer: '${parsed.value.type}' needs the token printed when the run started (attach --token T)`});
				return;
			}

			apply(session, parsed.value);
		});
	});

	const address = server.address();
	const boundPort = typeof address === 'object' && address ? address.port : port;
	return {
		url: wsUrl(host, boundPort),
		token,
		async close() {
			for (const unsubscribe of unsubscribes) unsubscribe();
			for (const client of server.clients) client.terminate();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}

function apply(session: Session, message: Exclude<ClientMessage, {type: 'auth'}>): void {
	if (message.type === 'skip') session.skip(message.candidateId);
	else if (message.type === 'abort') session.abort(message.reason ?? 'aborted from a remote viewer');
	else session.proceed();
}

function tokensMatch(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}
