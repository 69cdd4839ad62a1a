import {performance} from 'node:perf_hooks';
import type {Batcher, Emission, SimRequest} from '../perf/batcher.js';

/** Wall ms: Node timers' resolution. */
const timerGranularityMs = 1;

export type TokenSink = (emissions: readonly Emission[], simNowS: number) => void;

/**
 * Runs a Batcher against the wall clock, `timeScale` wall seconds per simulated second. One timer
 * per engine step (never per request); when the process falls behind, several steps complete in one
 * tick and their tokens go out together, so throughput stays right even with coarse timers.
 */
export class EngineClock {
	private readonly startWall = performance.now();
	/** Simulated time at which the step in flight ends; null when idle. */
	private stepEndS: number | null = null;
	private pending: readonly Emission[] = [];
	private timer: NodeJS.Timeout | null = null;
	private busyS = 0;
	private readonly busyWindow: Array<{at: number; busy: number}> = [];
	private stopped = false;

	constructor(
		readonly batcher: Batcher,
		readonly timeScale: number,
		private readonly sink: TokenSink,
	) {}

	/** Simulated seconds since start. */
	now(): number {
		return (performance.now() - this.startWall) / 1000 / this.timeScale;
	}

	submit(request: SimRequest): void {
		this.batcher.add(request);
		if (this.stepEndS === null) {
			this.startStep(this.now());
		}
	}

	cancel(id: number): void {
		this.batcher.cancel(id);
	}

	/** Share of the last ~second (simulated) the engine spent stepping, 0–1. */
	utilization(): number {
		const now = this.now();
		const horizon = now - 1;
		while (this.busyWindow.length > 0 && this.busyWindow[0]!.at < horizon) {
			this.busyWindow.shift();
		}

		const busy = this.busyWindow.reduce((sum, entry) => sum + entry.busy, 0);
		return Math.min(1, busy + (this.stepEndS === null ? 0 : 0.05));
	}

	stop(): void {
		this.stopped = true;
		if (this.timer) {
			clearTimeout(this.timer);
		}
	}

	private startStep(atS: number): void {
		this.beginStep(atS);
		this.arm();
	}

	/** Run the batcher's next step, planned to start at `atS`; nothing (stepEndS null) when idle or stopped. */
	private beginStep(atS: number): void {
		if (this.stopped || this.batcher.idle) {
			this.stepEndS = null;
			return;
		}

		const result = this.batcher.step();
		const seconds = Math.max(result.seconds, 1e-5);
		this.pending = result.emissions;
		this.stepEndS = atS + seconds;
		this.busyS += seconds;
		this.busyWindow.push({at: this.stepEndS, busy: seconds});
	}

	private arm(): void {
		if (this.stepEndS === null || this.stopped) {
			return;
		}

		const delayMs = Math.max(0, (this.stepEndS - this.now()) * this.timeScale * 1000);
		this.timer = setTimeout(() => this.tick(), delayMs);
	}

	private tick(): void {
		this.timer = null;
		const out: Emission[] = [];
		let lastEnd = this.now();
		// Catch up: finish every step whose end has passed, then flush their tokens at once. Node fires
		// timers up to ~1 ms early (its loop clock is whole ms) and a sub-ms re-arm waits a full ms, so a
		// step ending within the timer granularity counts as ended: emissions land within ±1 ms instead
		// of always 1–2 ms late. Later steps still start at the planned end, so no drift accumulates.
		const dueS = this.now() + timerGranularityMs / 1000 / this.timeScale;
		for (let guard = 0; guard < 10_000 && this.stepEndS !== null && this.stepEndS <= dueS; guard++) {
			out.push(...this.pending);
			lastEnd = this.stepEndS;
			this.pending = [];
			this.beginStep(lastEnd);
		}

		if (out.length > 0) {
			this.sink(out, lastEnd);
		}

		if (this.stepEndS === null && !this.batcher.idle) {
			this.startStep(this.now());
		} else {
			this.arm();
		}
	}
}
