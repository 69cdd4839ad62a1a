import {MessageChannel, Worker} from 'node:worker_threads';
import {clockOffsetMs} from './precise-timer.js';
import {raiseThreadPriority, type SendPriority, sendPriorityMode} from './sender-priority.js';

/**
 * Writes prepared HTTP requests onto their sockets at their scheduled times from a worker thread,
 * so that nothing the main thread does (GC scavenges, parsing the streams of earlier requests,
 * building records, the TUI) can delay a send. The main thread builds each request ahead of time
 * on a connected keep-alive socket (stream-request.ts captures the bytes Node's http client would
 * write) and arms it here with the socket's file descriptor; the worker sleeps in Atomics.wait until
 * the target and writes the bytes with one write(2). Responses are read and parsed on the main
 * thread as before: only the send moved. Measured in `npm run bench -- load-client` (issue 18).
 *
 * A slot's state is the lock between the two threads: the worker writes only after moving it from
 * armed to writing, and the main thread, before it lets the socket's descriptor close, moves it from
 * armed to free or waits out a write in progress, so a closed (and possibly reused) descriptor is
 * never written to. The state carries the arm's ticket (state = ticket · 8 + phase), so a job whose
 * slot was released and armed again for another request can never match it.
 *
 * Before it is ready the worker's thread is raised to real-time priority where the OS allows
 * (sender-priority.ts): that, not anything in this process, is what keeps a wake-up on time when
 * the machine's cores are busy.
 */
export type PacedSender = {
	readonly ready: Promise<void>;
	/** How the OS schedules the sending thread; null until `ready`. */
	priority(): SendPriority | null;
	/**
	 * Arms `bytes` for `fd` at `atMs` (performance.now() time). Returns the slot, or -1 when every
	 * slot is taken (the caller then sends on the main thread). `onError` gets the write's error code.
	 * The arms of one turn of the event loop reach the worker together (one message, one wake-up);
	 * `bytes` that own their memory are moved there (unusable here afterwards), others copied.
	 */
	arm(fd: number, bytes: Uint8Array, atMs: number, onError: (code: string) => void): number;
	/** When the worker began writing the slot's bytes (performance.now() time), or null before. */
	sentMs(slot: number): number | null;
	/**
	 * Exactly once per arm: before its descriptor may close, or when its request is done. The slot's
	 * bytes are never written after it returns (a write already under way is waited for).
	 */
	release(slot: number): void;
	close(): void;
};

// A slot's phases. Claimed: the worker owns the arm; writing: its send time is stamped and the write
// under way (a response can only follow this, so the main thread always finds the time stamped).
export const slotFree = 0;
export const slotArmed = 1;
export const slotClaimed = 2;
export const slotWriting = 3;
export const slotSent = 4;
export const slotFailed = 5;

/** Sends in flight or waiting at once; at 10,000 req/s with 20 ms of look-ahead about 200 are. */
export const pacedSlots = 4096;

/** wake[0] while the worker sleeps with nothing pending: any new job is due before it. */
const wakeNever = 0x7fff_ffff_ffff_ffffn;

// Int32 control[0]: generation, bumped with every flush so a worker about to sleep drains its port
// first; control[1]: 1 = close. states[slot]: ticket · 8 + phase (above). sent[slot]: hrtime ms the
// write began. wake[0]: when the worker will wake on its own (hrtime µs; never = max), so the main
// thread calls Atomics.notify only for a job due before that. The jobs come over a MessagePort read
// with receiveMessageOnPort, because the worker never returns to its event loop.
//
// Why the main thread must not notify on every flush: V8 serialises every Atomics.wait and
// Atomics.notify in the process on one mutex, and a thread waking from a timed wait takes it again.
// When the main thread (normal priority) is preempted while holding it, the real-time sender cannot
// return from its sleep until the main thread runs again: on a 2-core machine with two busy
// processes besides, a notify per flush made one wake-up in 30–70 of 2,000 late by 1–27 ms, against
// 1–5 with no notifies (priority inversion; measured while building this). For the same reason the
// worker sends what is due before it touches the port, whose queue has a mutex of its own.
const workerSource = `
const {workerData, parentPort, receiveMessageOnPort} = require('node:worker_threads');
const fs = require('node:fs');
const {buffer, slots, port} = workerData;
const control = new Int32Array(buffer, 0, 2);
const states = new Int32Array(buffer, 8, slots);
const sentOffset = 8 + 4 * slots + (slots % 2 === 1 ? 4 : 0);
const sent = new Float64Array(buffer, sentOffset, slots);
const wake = new BigInt64Array(buffer, sentOffset + 8 * slots, 1);
const never = ${wakeNever}n;
const pause = new Int32Array(new SharedArrayBuffer(4));
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const pending = [];
let head = 0;
function insert(job) {
	let at = pending.length;
	while (at > head && pending[at - 1].at > job.at) at--;
	pending.splice(at, 0, job);
}
function send(job) {
	const armed = job.ticket * 8 + ${slotArmed};
	if (Atomics.compareExchange(states, job.slot, armed, job.ticket * 8 + ${slotClaimed}) !== armed) return;
	sent[job.slot] = nowMs();
	Atomics.store(states, job.slot, job.ticket * 8 + ${slotWriting});
	let error = null;
	let written = 0;
	const giveUp = sent[job.slot] + 2000;
	while (written < job.bytes.length) {
		try {
			written += fs.writeSync(job.fd, job.bytes, written, job.bytes.length - written, null);
		} catch (failure) {
			if (failure.code === 'EAGAIN' && nowMs() < giveUp) {
				Atomics.wait(pause, 0, 0, 0.05);
				continue;
			}
			error = failure.code || String(failure);
			break;
		}
	}
	Atomics.store(states, job.slot, job.ticket * 8 + (error ? ${slotFailed} : ${slotSent}));
	Atomics.notify(states, job.slot);
	if (error) parentPort.postMessage({slot: job.slot, ticket: job.ticket, error});
}
let threadId = null;
try {
	threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop()) || null;
} catch {}
parentPort.postMessage({ready: true, threadId});
function sendDue() {
	while (head < pending.length && pending[head].at <= nowMs()) {
		send(pending[head]);
		pending[head++] = undefined;
	}
}
for (;;) {
	const generation = Atomics.load(control, 0);
	if (Atomics.load(control, 1) === 1) break;
	sendDue();
	for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
		for (const job of message.message) insert(job);
	}
	sendDue();
	// Sent jobs (and their bytes) must not pile up over a long run that never drains the queue.
	if (head >= 1024) {
		pending.splice(0, head);
		head = 0;
	}
	if (head === pending.length) {
		pending.length = 0;
		head = 0;
		Atomics.store(wake, 0, never);
		Atomics.wait(control, 0, generation);
	} else {
		// Published before the wait: a flush after it reads this, one before it changes the generation.
		Atomics.store(wake, 0, BigInt(Math.floor(pending[head].at * 1000)));
		const left = pending[head].at - nowMs();
		if (left > 0) Atomics.wait(control, 0, generation, left);
	}
}
`;

type Job = {slot: number; ticket: number; fd: number; at: number; bytes: Uint8Array};

const phaseOf = (state: number): number => state & 7;

export function pacedSender(slots = pacedSlots): PacedSender {
	// Checked here so a mistyped LLM_BENCH_SEND_PRIORITY fails the run before any thread starts.
	const mode = sendPriorityMode();
	const sentOffset = 8 + 4 * slots + (slots % 2 === 1 ? 4 : 0);
	const buffer = new SharedArrayBuffer(sentOffset + 8 * slots + 8);
	const control = new Int32Array(buffer, 0, 2);
	const states = new Int32Array(buffer, 8, slots);
	const sent = new Float64Array(buffer, sentOffset, slots);
	const wake = new BigInt64Array(buffer, sentOffset + 8 * slots, 1);
	Atomics.store(wake, 0, wakeNever);
	const {port1, port2} = new MessageChannel();
	const worker = new Worker(workerSource, {eval: true, workerData: {buffer, slots, port: port2}, transferList: [port2], execArgv: [], env: {}});
	worker.unref();
	port1.unref();
	const offsetMs = clockOffsetMs();
	const free: number[] = Array.from({length: slots}, (_, index) => slots - 1 - index);
	const onErrors: Array<((code: string) => void) | undefined> = [];
	const tickets = new Int32Array(slots);
	let ticket = 0;
	let batch: Job[] = [];
	let priority: SendPriority | null = null;
	const ready = new Promise<void>(resolve => {
		worker.once('message', (message: {ready: true; threadId: number | null}) => {
			void raiseThreadPriority(message.threadId, mode).then(got => {
				priority = got;
				resolve();
			});
		});
		worker.once('error', () => resolve());
	});
	const flush = (): void => {
		if (batch.length === 0) return;
		// Each job's bytes own their memory (captureWrites): moved to the worker, not copied.
		port1.postMessage(
			batch,
			batch.map(job => job.bytes.buffer as ArrayBuffer),
		);
		let earliest = Number.POSITIVE_INFINITY;
		for (const job of batch) earliest = Math.min(earliest, job.at);
		batch = [];
		Atomics.add(control, 0, 1);
		if (BigInt(Math.floor(earliest * 1000)) < Atomics.load(wake, 0)) Atomics.notify(control, 0);
	};
	worker.on('message', (message: {ready: true} | {slot: number; ticket: number; error: string}) => {
		if ('ready' in message || tickets[message.slot] !== message.ticket) return;
		onErrors[message.slot]?.(message.error);
	});
	return {
		ready,
		priority: () => priority,
		arm(fd, bytes, atMs, onError) {
			const slot = free.pop();
			if (slot === undefined) return -1;
			ticket = (ticket + 1) % 0x0fff_ffff;
			tickets[slot] = ticket;
			Atomics.store(states, slot, ticket * 8 + slotArmed);
			onErrors[slot] = onError;
			if (batch.length === 0) queueMicrotask(flush);
			// Only a buffer that is exactly its own memory can be moved; a view into a shared one (Node's
			// pool) is copied out first.
			const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
			batch.push({slot, ticket, fd, at: atMs + offsetMs, bytes: own});
			return slot;
		},
		sentMs(slot) {
			const phase = phaseOf(Atomics.load(states, slot));
			return phase >= slotWriting ? sent[slot]! - offsetMs : null;
		},
		release(slot) {
			const armed = tickets[slot]! * 8 + slotArmed;
			if (Atomics.compareExchange(states, slot, armed, slotFree) !== armed) {
				// A write in progress ends within its EAGAIN bound; the descriptor must outlive it.
				const busy = (state: number): boolean => phaseOf(state) === slotClaimed || phaseOf(state) === slotWriting;
				for (let state = Atomics.load(states, slot); busy(state); state = Atomics.load(states, slot)) {
					Atomics.wait(states, slot, state, 50);
				}
			}
			// A job never handed over goes too; one the worker holds no longer matches the slot's ticket.
			if (batch.some(job => job.slot === slot)) batch = batch.filter(job => job.slot !== slot);
			Atomics.store(states, slot, slotFree);
			onErrors[slot] = undefined;
			free.push(slot);
		},
		close() {
			Atomics.store(control, 1, 1);
			Atomics.add(control, 0, 1);
			Atomics.notify(control, 0);
			port1.close();
			void worker.terminate();
		},
	};
}
