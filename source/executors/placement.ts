import type {Executor} from './executor.js';

/**
 * Where one candidate runs (docs/placement.md). The engine asks a `Placer` for a placement before it
 * launches a candidate's server and releases it when the server has stopped; the placement, not the
 * plan, says which executor starts the server and runs its probes, which address the load client
 * uses, and which GPUs the server holds. The local placer (local-placer.ts) hands out slices of the
 * plan's `hardware.gpu_ids` on the recipe's executor; a scheduler's placer (Slurm) allocates a job
 * per candidate and answers with the job's node and GPUs.
 */

/** What a placer needs to know of a candidate (structurally a `Candidate` from config/plan.ts). */
export type PlacementRequest = {readonly id: string; readonly framework: string};

export type Placement = {
	/** Where this candidate's server and its probes run. */
	readonly executor: Executor;
	/** Address the client uses to reach the server (a wildcard bind is reached here). */
	readonly host: string;
	/** The GPUs this candidate holds, as the scheduler gave them (not the plan's ids). */
	readonly gpuIds: readonly number[];
	/** For rows, events and the report: "local (GPUs 0,1)", "node2 (GPUs 0,1)". */
	readonly where: string;
	/** The scheduler's job id, journaled for --resume; absent for local slots. */
	readonly jobId?: string;
	/** Frees the GPUs (scancel for a job). Idempotent: a second call does nothing. */
	release(): Promise<void>;
};

/**
 * No placement for this candidate, as data (docs/architecture.md rule 7): the candidate becomes a
 * row with this status and reason. `skipped` is for a request withdrawn by the signal.
 */
export type PlacementRefused = {readonly refused: true; readonly status: 'failed' | 'timeout' | 'skipped'; readonly reason: string};

export type Placer = {
	/** How many candidates may run at once (at least 1). */
	readonly parallel: number;
	/** Why `parallel` is less than the recipe asked for, or how the GPUs were split; said as warnings. */
	readonly notes: readonly string[];
	/**
	 * A placement with `gpus` GPUs for the candidate; waits while every slot is taken. The signal
	 * withdraws the request (then it resolves refused, status `skipped`).
	 */
	place(candidate: PlacementRequest, gpus: number, signal: AbortSignal): Promise<Placement | PlacementRefused>;
	/** Releases every outstanding placement: abort, SIGINT, SIGTERM, SIGHUP, the end of the run. */
	releaseAll(): Promise<void>;
};

export function isRefused(outcome: Placement | PlacementRefused): outcome is PlacementRefused {
	return 'refused' in outcome;
}
