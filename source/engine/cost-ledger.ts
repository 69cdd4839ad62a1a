/**
 * What a run held (issue 16, docs/artifacts.md "cost"): every server launch from the moment it is
 * started to the moment it is gone, times the GPUs it held. Durations are in the box's own seconds:
 * on a simulated box wall seconds ÷ time_scale (world `time_scale` is wall seconds per simulated
 * second), so a simulated run reports what a real box would have spent; on a real box, wall seconds.
 */

/** A candidate's `wall_seconds`: the time its servers were up (launch to stop), summed over launches. */
export type Cost = {readonly gpu_seconds: number; readonly servers_launched: number; readonly wall_seconds: number};
export type CandidateCost = Cost & {readonly framework: string; readonly candidate_id: string};
/** `wall_seconds` of a run: its start to its report, on the same clock (preflight included). */
export type RunCost = Cost & {
	/** `simulated`: seconds of the simulated box's clock; `wall`: real seconds. */
	readonly clock: 'simulated' | 'wall';
	/** Seconds some server was up, summed over launches (servers side by side count each). */
	readonly server_seconds: number;
	readonly candidates: readonly CandidateCost[];
};

export type CostLedger = {
	/** A server of this candidate starts holding `gpus` GPUs now; the returned function ends it (idempotent). */
	launched(framework: string, candidateId: string, gpus: number): () => void;
	/** The candidate's cost so far, its running server included; null when it never launched. */
	of(candidateId: string): Cost | null;
	total(): RunCost;
};

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** `clock`: the box's seconds (see above). */
export function createCostLedger(clock: () => number, kind: RunCost['clock']): CostLedger {
	const started = clock();
	type Entry = {framework: string; launches: number; gpuSeconds: number; seconds: number; running: Array<{since: number; gpus: number}>};
	const entries = new Map<string, Entry>();
	const live = (entry: Entry, now: number) => {
		const running = entry.running.reduce((sum, r) => sum + (now - r.since), 0);
		const gpuRunning = entry.running.reduce((sum, r) => sum + (now - r.since) * r.gpus, 0);
		return {gpu_seconds: round(entry.gpuSeconds + gpuRunning), servers_launched: entry.launches, wall_seconds: round(entry.seconds + running)};
	};

	return {
		launched(framework, candidateId, gpus) {
			const entry = entries.get(candidateId) ?? {framework, launches: 0, gpuSeconds: 0, seconds: 0, running: []};
			entries.set(candidateId, entry);
			entry.launches += 1;
			const run = {since: clock(), gpus};
			entry.running.push(run);
			let ended = false;
			return () => {
				if (ended) return;
				ended = true;
				const held = Math.max(0, clock() - run.since);
				entry.seconds += held;
				entry.gpuSeconds += held * run.gpus;
				entry.running.splice(entry.running.indexOf(run), 1);
			};
		},
		of(candidateId) {
			const entry = entries.get(candidateId);
			return entry ? live(entry, clock()) : null;
		},
		total() {
			const now = clock();
			const candidates = [...entries].map(([candidate_id, entry]) => ({framework: entry.framework, candidate_id, ...live(entry, now)}));
			return {
				gpu_seconds: round(candidates.reduce((sum, c) => sum + c.gpu_seconds, 0)),
				servers_launched: candidates.reduce((sum, c) => sum + c.servers_launched, 0),
				wall_seconds: round(now - started),
				clock: kind,
				server_seconds: round(candidates.reduce((sum, c) => sum + c.wall_seconds, 0)),
				candidates,
			};
		},
	};
}

/** The box's clock in seconds: wall time, divided by the time scale on a simulated box. */
export function boxClock(simulated: boolean, timeScale: number): () => number {
	const scale = simulated ? Math.max(timeScale, 1e-6) : 1;
	return () => performance.now() / 1000 / scale;
}
