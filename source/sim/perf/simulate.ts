import {Batcher} from './batcher.js';
import type {EngineConfig} from './engine-config.js';
import {planMemory} from './memory.js';

export type SimArrival = {readonly atS: number; readonly promptTokens: number; readonly outputTokens: number};

export type SimOutcome = {
	readonly ttftS: number[];
	readonly e2eS: number[];
	/** Mean inter-token gap per request (requests with > 1 token). */
	readonly meanItlS: number[];
	readonly makespanS: number;
	readonly outputTokensPerS: number;
	readonly requestsPerS: number;
	readonly preemptions: number;
	readonly kvTokens: number;
	readonly maxRunningSeen: number;
};

/**
 * Runs the batching model over simulated time without any server: the reference the HTTP server is
 * checked against, and what the model tests exercise. Throws when the config would not start.
 */
export function simulate(config: EngineConfig, arrivals: readonly SimArrival[], kvTokensOverride?: number): SimOutcome {
	const memory = planMemory(config);
	if (!memory.ok && kvTokensOverride === undefined) {
		throw new Error(`config does not start: ${memory.reason}`);
	}

	const kvTokens = kvTokensOverride ?? (memory.ok ? memory.kvTokens : 0);
	const batcher = new Batcher(config, kvTokens);
	const order = arrivals.map((arrival, id) => ({...arrival, id})).sort((a, b) => a.atS - b.atS);
	const first = new Map<number, number>();
	const last = new Map<number, number>();
	const done = new Map<number, number>();
	let now = 0;
	let next = 0;
	let maxRunning = 0;
	for (let guard = 0; guard < 5_000_000 && done.size < order.length; guard++) {
		while (next < order.length && order[next]!.atS <= now) {
			const arrival = order[next++]!;
			batcher.add({id: arrival.id, promptTokens: arrival.promptTokens, outputTokens: arrival.outputTokens});
		}

		if (batcher.idle) {
			now = order[next]!.atS;
			continue;
		}

		const step = batcher.step();
		now += step.seconds;
		maxRunning = Math.max(maxRunning, batcher.stats.running + step.emissions.filter(e => e.finished).length);
		for (const emission of step.emissions) {
			if (!first.has(emission.id)) {
				first.set(emission.id, now);
			}

			last.set(emission.id, now);
			if (emission.finished) {
				done.set(emission.id, now);
			}
		}
	}

	const ttftS: number[] = [];
	const e2eS: number[] = [];
	const meanItlS: number[] = [];
	let outputTokens = 0;
	for (const arrival of order) {
		const start = arrival.atS;
		ttftS.push(first.get(arrival.id)! - start);
		e2eS.push(done.get(arrival.id)! - start);
		outputTokens += arrival.outputTokens;
		if (arrival.outputTokens > 1) {
			meanItlS.push((last.get(arrival.id)! - first.get(arrival.id)!) / (arrival.outputTokens - 1));
		}
	}

	const makespanS = Math.max(...done.values()) - (order[0]?.atS ?? 0);
	return {
		ttftS,
		e2eS,
		meanItlS,
		makespanS,
		outputTokensPerS: outputTokens / makespanS,
		requestsPerS: order.length / makespanS,
		preemptions: batcher.stats.preemptions,
		kvTokens,
		maxRunningSeen: maxRunning,
	};
}

export function mean(values: readonly number[]): number {
	return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}
