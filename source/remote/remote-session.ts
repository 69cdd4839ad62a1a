import WebSocket from 'ws';
import type {Session} from '../engine/session-types.js';
import type {EngineEvent} from '../events.js';
import {ServerMessageSchema, parseMessage, type ClientMessage} from './messages.js';

export type RemoteSession = Session & {
	/** Whether the server accepted the token (skip/abort/proceed will be honoured). */
	readonly control: boolean;
	/** Resolves with why the connection ended. */
	readonly closed: Promise<string>;
	close(): void;
};

/**
 * A Session over a ws connection, so `attach` renders the same screens as a local run. Server
 * messages are validated; a bad one, or a refusal from the server, becomes a local `warning` event
 * for the viewer to see, never a crash.
 */
export async function connectRemoteSession(url: string, options: {token?: string; timeoutMs?: number} = {}): Promise<RemoteSession> {
	const socket = new WebSocket(url, {maxPayload: 64 * 1024 * 1024, handshakeTimeout: options.timeoutMs ?? 10_000});
	const history: EngineEvent[] = [];
	const listeners = new Set<(event: EngineEvent) => void>();
	let control = false;
	let resolveDone: (value: {runDir: string; exitCode: number}) => void = () => undefined;
	const done = new Promise<{runDir: string; exitCode: number}>(resolve => {
		resolveDone = resolve;
	});
	const push = (event: EngineEvent) => {
		history.push(event);
		for (const listener of listeners) listener(event);
		if (event.type === 'run-finished') resolveDone({runDir: event.runDir, exitCode: 0});
	};

	const warn = (message: string) => push({type: 'warning', message: `remote: ${message}`, t: Date.now()});
	const send = (message: ClientMessage) => {
		if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
	};

	const closed = new Promise<string>(resolve => {
		socket.on('close', (code, reason) => {
			const why = reason.toString() || `connection closed (${code})`;
			resolveDone({runDir: '', exitCode: 1});
			resolve(why);
		});
	});
	const hello = new Promise<void>((resolve, reject) => {
		socket.once('error', reject);
		socket.on('message', raw => {
			const parsed = parseMessage(ServerMessageSchema, raw);
			if (!parsed.ok) {
				warn(parsed.message);
				return;
			}

			const message = parsed.value;
			if (message.type === 'hello') {
				control = message.control;
				if (options.token) send({type: 'auth', token: options.token});
				resolve();
			} else if (message.type === 'event') push(message.event);
			else if (message.type === 'auth-result') {
				control = message.control;
				if (!control) warn(message.message);
			} else warn(message.message);
		});
	});
	await hello;
	socket.on('error', error => warn(error.message));
	return {
		history,
		get control() {
			return control;
		},
		closed,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		proceed: () => send({type: 'proceed'}),
		skip: candidateId => send({type: 'skip', candidateId}),
		abort: reason => send({type: 'abort', reason}),
		done,
		close: () => socket.close(1000, 'viewer left'),
	};
}
