import type http from 'node:http';
import type {Socket} from 'node:net';
import {performance} from 'node:perf_hooks';
import {TLSSocket} from 'node:tls';
import type {PacedSender} from './paced-sender.js';

/**
 * One request sent at its scheduled time by the paced sender's worker (paced-sender.ts) instead of
 * by the main thread. The request is built ahead of time as usual; once Node's http client has a
 * socket for it, the bytes it would write (request line, headers, body) are captured instead and
 * armed with the socket's descriptor. Where that cannot be done (TLS, no descriptor, no free slot)
 * the captured bytes are written on the main thread at the same target, by a timer.
 */
export type Pace = {readonly sender: PacedSender; readonly atMs: number};

export type PacedWrite = {
	/** When the bytes began to go out (performance.now() time), or null while they have not. */
	sentMs(): number | null;
	/** The request is over (answered, failed or cancelled): an unsent arm is withdrawn. */
	done(): void;
};

type Handle = {fd?: number; close?: (...args: unknown[]) => unknown; reset?: (...args: unknown[]) => unknown; [releaseKey]?: () => void};
const releaseKey = Symbol('paced-write.release');
const guardedKey = Symbol('paced-write.guarded');

type Write = (data: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void) => boolean;

/**
 * Runs `write` (the request's end()) with the socket's write() replaced by a recorder and returns
 * what it wrote, or null if it wrote nothing (http kept the output to flush itself later). Write
 * callbacks run on the next tick, as a socket's own would after a write that fit its buffer. The
 * bytes get a memory block of their own (not a slice of Node's shared pool), so handing them to the
 * worker moves exactly them.
 */
export function captureWrites(socket: Socket, write: () => void): Buffer | null {
	const chunks: Array<string | Uint8Array> = [];
	const encodings: BufferEncoding[] = [];
	const callbacks: Array<(error?: Error | null) => void> = [];
	let length = 0;
	const record: Write = (data, encoding, callback) => {
		const done = typeof encoding === 'function' ? encoding : callback;
		const named = typeof encoding === 'string' ? encoding : 'utf8';
		chunks.push(data);
		encodings.push(named);
		length += typeof data === 'string' ? Buffer.byteLength(data, named) : data.byteLength;
		if (done) callbacks.push(done);
		return true;
	};
	const own = socket as unknown as {write: Write};
	own.write = record;
	try {
		write();
	} finally {
		delete (own as Partial<typeof own>).write;
	}
	for (const callback of callbacks) process.nextTick(callback, null);
	if (length === 0) return null;
	const bytes = Buffer.allocUnsafeSlow(length);
	let at = 0;
	for (const [index, chunk] of chunks.entries()) {
		if (typeof chunk === 'string') at += bytes.write(chunk, at, encodings[index]);
		else {
			bytes.set(chunk, at);
			at += chunk.byteLength;
		}
	}
	return bytes;
}

/**
 * The descriptor must not close while the worker may still write to it (a reused number would be
 * another connection). The handle's close (and reset) first release whatever arm the socket holds.
 * Installed once per handle; the arm of the moment is kept on the handle.
 */
function guard(handle: Handle): void {
	if ((handle as Record<symbol, unknown>)[guardedKey]) return;
	(handle as Record<symbol, unknown>)[guardedKey] = true;
	for (const name of ['close', 'reset'] as const) {
		const original = handle[name];
		if (typeof original !== 'function') continue;
		handle[name] = function (this: unknown, ...args: unknown[]) {
			handle[releaseKey]?.();
			return original.apply(this, args);
		};
	}
}

export function pacedWrite(request: http.ClientRequest, body: string, pace: Pace, onError: (code: string) => void): PacedWrite {
	let slot = -1;
	let stampedMs: number | null = null;
	let finished = false;
	let handle: Handle | undefined;
	let fallback: NodeJS.Timeout | undefined;
	const release = (): void => {
		if (slot >= 0) {
			stampedMs ??= pace.sender.sentMs(slot);
			pace.sender.release(slot);
			slot = -1;
		}
		if (handle?.[releaseKey] === release) delete handle[releaseKey];
	};
	request.once('socket', (socket: Socket) => {
		const bytes = captureWrites(socket, () => request.end(body));
		if (bytes === null) {
			stampedMs = performance.now();
			return;
		}
		// Never early: a timer may fire up to ~1 ms before its delay on performance.now()'s clock
		// (whole milliseconds from the loop's cached time), so the last fraction is waited out.
		const onMainThread = (): void => {
			if (finished) return;
			const left = pace.atMs - performance.now();
			if (left > 1) {
				fallback = setTimeout(onMainThread, left);
				return;
			}
			if (left > 0) {
				setImmediate(onMainThread);
				return;
			}
			stampedMs = performance.now();
			socket.write(bytes);
		};
		const candidate = (socket as unknown as {_handle?: Handle})._handle;
		const fd = candidate?.fd;
		if (finished || socket instanceof TLSSocket || !candidate || typeof fd !== 'number' || fd < 0) {
			if (!finished) onMainThread();
			return;
		}
		const arm = (): void => {
			if (finished) return;
			slot = pace.sender.arm(fd, bytes, pace.atMs, onError);
			if (slot < 0) {
				onMainThread();
				return;
			}
			handle = candidate;
			guard(handle);
			handle[releaseKey] = release;
		};
		// A socket still connecting has a descriptor that cannot take the bytes yet.
		if (socket.connecting) socket.once('connect', arm);
		else arm();
	});
	return {
		sentMs() {
			if (stampedMs === null && slot >= 0) stampedMs = pace.sender.sentMs(slot);
			return stampedMs;
		},
		done() {
			finished = true;
			clearTimeout(fallback);
			release();
		},
	};
}
