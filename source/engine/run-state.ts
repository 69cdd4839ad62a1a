import type {FrameworkName} from '../frameworks/registry.js';
import type {Manifest} from '../results/manifest.js';
import type {BenchProgress} from '../bench/bench-types.js';
import type {PreflightCheckStatus, RunCostBrief, ServerPhase} from '../events.js';
import type {ResultRow, RowStatus} from '../results/result-row.js';
import type {SlaOutcome} from '../sla/verdict.js';

/**
 * What a viewer knows about a run: the fold of every EngineEvent so far (reduce.ts). Plain data so
 * the TUI, the remote viewer and tests can share it; nothing here is derived from the clock.
 */

export type RunPhase = 'starting' | 'preflight' | 'planned' | 'running' | 'finished' | 'aborted';
export type CandidateStatus = 'queued' | 'running' | RowStatus;

export type CheckState = {
	readonly id: string;
	readonly title: string;
	readonly status: PreflightCheckStatus;
	readonly detail: string | null;
	readonly hint: string | null;
};

export type CandidateState = {
	readonly id: string;
	readonly framework: FrameworkName;
	readonly command: string;
	readonly status: CandidateStatus;
	readonly reason: string | null;
	readonly startedT: number | null;
	readonly finishedT: number | null;
};

export type QpsRoundState = {
	readonly scenario: string;
	readonly maxConcurrency: number | null;
	readonly round: number;
	readonly requestRate: number;
	readonly passed: boolean;
	/** pass / fail / undecided (source/sla/verdict.ts); absent from engines that predate it. */
	readonly verdict?: SlaOutcome;
	/** Requests behind the round's figures and the batches pooled (more than 1 after an undecided round). */
	readonly samples?: number;
	readonly batches?: number;
	readonly reason: string | null;
	/** The round's last live figures (its bench's final progress): achieved rate, latency, errors. */
	readonly final: BenchProgress | null;
};

export type BenchState = {
	readonly scenario: string;
	readonly requestRate: number | 'inf';
	readonly maxConcurrency: number | null;
	readonly round: number | null;
	readonly numPrompts: number;
	readonly startedT: number;
	readonly progress: BenchProgress | null;
};

export type ActiveState = {
	readonly candidateId: string;
	readonly framework: FrameworkName;
	readonly index: number;
	readonly total: number;
	readonly command: string;
	readonly startedT: number;
	readonly phase: ServerPhase;
	readonly phaseT: number;
	readonly phaseDetail: string | null;
	/** The newest server log lines (bounded: maxLogLines). */
	readonly log: readonly string[];
	readonly bench: BenchState | null;
	readonly rounds: readonly QpsRoundState[];
	/** Where it runs (candidate-started's `where`); null from engines that predate placements. */
	readonly where?: string | null;
	/** This candidate's own server metrics (several run at once; `RunState.serverMetrics` is the latest of any). */
	readonly metrics?: ServerMetricsState | null;
};

export type GpuState = {
	readonly index: number;
	readonly name: string;
	readonly memoryTotalMiB: number;
	/** Oldest first, at most maxGpuSamples. */
	readonly utilizationPct: ReadonlyArray<number | null>;
	readonly memoryUsedMiB: readonly number[];
	/** When the newest sample was taken: the panel marks samples older than the active server. */
	readonly sampledT: number;
};

/** The running server's own metrics (its /metrics endpoint), short histories for the live pane. */
export type ServerMetricsState = {
	readonly candidateId: string;
	/** Oldest first, at most maxGpuSamples; a null reading (not exported) is left out. */
	readonly running: readonly number[];
	readonly waiting: readonly number[];
	/** KV-cache use, 0–1. */
	readonly kvCacheUsage: readonly number[];
	/** Latest cumulative preemptions; null when the framework exports none. */
	readonly preemptions: number | null;
	readonly lastT: number;
};

export type RunState = {
	readonly phase: RunPhase;
	readonly runId: string | null;
	readonly runDir: string | null;
	readonly planFile: string | null;
	readonly model: string | null;
	readonly simulated: boolean;
	readonly resumed: boolean;
	readonly startedT: number | null;
	readonly lastT: number | null;
	readonly checks: readonly CheckState[];
	readonly candidates: readonly CandidateState[];
	readonly scenarios: readonly string[];
	readonly estimatedSeconds: number | null;
	/** The plan's SLA keys (max_p99_ttft_ms …) from plan-ready, else from the first row that carries them. */
	readonly sla: Readonly<Record<string, number>>;
	readonly frameworks: Readonly<Partial<Record<FrameworkName, {version: string | null; finished: boolean; reason: string | null}>>>;
	readonly currentFramework: FrameworkName | null;
	/** The newest started candidate's pane; it stays after the candidate ends, until the next one starts. */
	readonly active: ActiveState | null;
	/** Every running candidate's pane, in start order (one at parallel 1; several with `parallel: N`). */
	readonly inFlight: readonly ActiveState[];
	/** Candidate ids in the order they reached a final status (the TUI's <Static> list). */
	readonly finishedOrder: readonly string[];
	readonly gpus: readonly GpuState[];
	/** Null until the first reading; replaced when another candidate's readings arrive. */
	readonly serverMetrics?: ServerMetricsState | null;
	readonly rows: readonly ResultRow[];
	readonly warnings: readonly string[];
	readonly abortReason: string | null;
	/** From manifest-written: the report's context on the results screen (no file read, local or remote). */
	readonly manifest: Manifest | null;
	readonly summaryPath: string | null;
	readonly winners: ReadonlyArray<{framework: string; scenario: string; candidateId: string}>;
	/** What the run held, from run-finished (null before it, or when nothing recorded one). */
	readonly cost: RunCostBrief | null;
};

export const maxLogLines = 400;
export const maxGpuSamples = 30;
