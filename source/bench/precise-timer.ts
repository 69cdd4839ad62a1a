import {Worker} from 'node:worker_threads';

/**
 * A one-shot wake-up at a sub-millisecond target without spinning the event loop. Node's timers
 * have whole-millisecond resolution (a 0.4 ms wait becomes ~1 ms), and bridging the last
 * millisecond with setImmediate turns the loop into a busy wait: at 1,000 req/s that spin is a
 * good part of a core. Here a small worker thread sleeps in Atomics.wait (a futex with a
 * fractional-ms timeout) and posts a message when the target passes; the message wakes the main
 * loop out of epoll at once. Cost: one idle thread, no CPU while waiting.
 *
 * Times are `performance.now()` of the caller; the worker converts through the process-wide
 * monotonic clock (`process.hrtime`), which both threads share.
 */
export type PreciseTimer = {
	/** Resolves once the worker runs (tens of ms, more on a loaded machine): await it before the clock starts. */
	readonly ready: Promise<void>;
	/** Calls `onWake` once at (or just after) `atMs`; re-arming replaces a pending target. */
	wakeAt(atMs: number): void;
	cancel(): void;
	close(): void;
};

// Int32 slot 0: generation, bumped after every change, so a waiting worker wakes and re-reads.
// Int32 slot 1: 1 = close. Float64 at byte 8: the target in hrtime ms, NaN = none. Only the main
// thread writes the target; the worker remembers what it fired for and posts that value back, so
// a wake-up for a target that has since been replaced is recognised and dropped.
const workerSource = `
const {parentPort, workerData} = require('node:worker_threads');
const control = new Int32Array(workerData, 0, 2);
const target = new Float64Array(workerData, 8, 1);
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
let fired = NaN;
parentPort.postMessage('ready');
for (;;) {
	const generation = Atomics.load(control, 0);
	if (Atomics.load(control, 1) === 1) break;
	const at = target[0];
	if (Number.isNaN(at) || at === fired) {
		Atomics.wait(control, 0, generation);
		continue;
	}
	const left = at - nowMs();
	if (left <= 0) {
		fired = at;
		parentPort.postMessage(at);
		continue;
	}
	Atomics.wait(control, 0, generation, left);
}
`;

/**
 * performance.now() → hrtime ms: both advance with the same monotonic clock, so one offset holds.
 * Read between two performance.now() calls, best of several, so a preemption between the reads
 * cannot skew it (a skew would make every wake-up early or late by as much).
 */
export function clockOffsetMs(): number {
	let best = Number.POSITIVE_INFINITY;
	let offset = 0;
	for (let sample = 0; sample < 7; sample++) {
		const before = performance.now();
		const hr = Number(process.hrtime.bigint()) / 1e6;
		const after = performance.now();
		if (after - before < best) {
			best = after - before;
			offset = hr - (before + after) / 2;
		}
	}
	return offset;
}

export function preciseTimer(onWake: () => void): PreciseTimer {
	const shared = new SharedArrayBuffer(16);
	const control = new Int32Array(shared, 0, 2);
	const target = new Float64Array(shared, 8, 1);
	target[0] = Number.NaN;
	const worker = new Worker(workerSource, {eval: true, workerData: shared, execArgv: [], env: {}});
	worker.unref();
	const offsetMs = clockOffsetMs();
	let armed = Number.NaN;
	const ready = new Promise<void>(resolve => {
		worker.once('message', () => resolve());
		worker.once('error', () => resolve());
	});
	worker.on('message', (at: number | 'ready') => {
		if (at !== armed) return; // cancelled or re-armed since
		armed = Number.NaN;
		onWake();
	});
	const publish = (value: number): void => {
		target[0] = value;
		Atomics.add(control, 0, 1);
		Atomics.notify(control, 0);
	};
	return {
		ready,
		wakeAt(atMs) {
			armed = atMs + offsetMs;
			publish(armed);
		},
		cancel() {
			armed = Number.NaN;
			publish(Number.NaN);
		},
		close() {
			armed = Number.NaN;
			Atomics.store(control, 1, 1);
			publish(Number.NaN);
			void worker.terminate();
		},
	};
}
