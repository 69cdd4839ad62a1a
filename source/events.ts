import type {FrameworkName} from './frameworks/registry.js';
import type {Manifest} from './results/manifest.js';
import type {ResultRow} from './results/result-row.js';
import type {BenchProgress} from './bench/bench-types.js';
import type {SlaOutcome} from './sla/verdict.js';

/**
 * The one typed stream that leaves the engine (docs/architecture.md rule 2). Past-tense facts, plain
 * JSON. The TUI, the ws viewer, `--headless` JSONL and `events.jsonl` all read it; state is a pure
 * fold of it (source/engine/reduce.ts). Every event carries `t` (ms since epoch).
 */

type At = {readonly t: number};

export type PreflightCheckStatus = 'running' | 'passed' | 'failed' | 'warning' | 'skipped';
export type ServerPhase = 'launching' | 'loading' | 'ready' | 'stopped' | 'failed';

export type GpuSample = {
	readonly index: number;
	readonly name: string;
	readonly memoryUsedMiB: number;
	readonly memoryTotalMiB: number;
	/** null = nvidia-smi printed `[N/A]` (MIG mode, some vGPUs): unknown, not 0 %. */
	readonly utilizationPct: number | null;
	/** Board power (W), GPU temperature (°C), SM clock (MHz); null where nvidia-smi says [N/A]. */
	readonly powerW?: number | null;
	readonly temperatureC?: number | null;
	readonly smClockMHz?: number | null;
};

/** One reading of the server's own metrics endpoint (source/server-metrics), for the live pane. */
export type ServerMetricsReading = {
	readonly running: number | null;
	readonly waiting: number | null;
	/** KV-cache use, 0–1. */
	readonly kvCacheUsage: number | null;
	/** Cumulative preemptions / retractions since the server started. */
	readonly preemptions: number | null;
};

export type CandidateSummary = {
	readonly id: string;
	readonly framework: FrameworkName;
	readonly command: string;
};

export type EngineEvent = At &
	(
		| {type: 'run-started'; runId: string; runDir: string; planFile: string; model: string; simulated: boolean; resumed: boolean}
		| {type: 'preflight-check'; id: string; title: string; status: PreflightCheckStatus; detail?: string; hint?: string}
		/** The run manifest as written to manifest.json (after preflight), for viewers without the file. */
		| {type: 'manifest-written'; manifest: Manifest}
		| {
				type: 'plan-ready';
				candidates: readonly CandidateSummary[];
				scenarios: readonly string[];
				estimatedSeconds: number | null;
				sla?: Readonly<Record<string, number>>;
		  }
		| {type: 'framework-started'; framework: FrameworkName; version: string | null}
		| {type: 'framework-finished'; framework: FrameworkName; reason?: string}
		| {
				type: 'candidate-started';
				candidateId: string;
				framework: FrameworkName;
				index: number;
				total: number;
				command: string;
				/** Where it runs (docs/placement.md): "local (GPUs 0,1)", a node; absent from engines that predate placements. */
				where?: string;
		  }
		| {type: 'server-phase'; candidateId: string; phase: ServerPhase; detail?: string}
		| {type: 'server-log'; candidateId: string; lines: readonly string[]}
		| {type: 'gpu-sampled'; gpus: readonly GpuSample[]}
		| {type: 'server-metrics'; candidateId: string; scenario: string; reading: ServerMetricsReading}
		| {
				type: 'bench-started';
				candidateId: string;
				scenario: string;
				requestRate: number | 'inf';
				maxConcurrency: number | null;
				round: number | null;
				numPrompts: number;
		  }
		| {type: 'bench-progress'; candidateId: string; scenario: string; progress: BenchProgress}
		| {
				type: 'qps-round-finished';
				candidateId: string;
				scenario: string;
				maxConcurrency: number | null;
				round: number;
				requestRate: number;
				passed: boolean;
				reason?: string;
				verdict?: SlaOutcome;
				samples?: number;
				batches?: number;
		  }
		| {type: 'row-recorded'; row: ResultRow}
		| {type: 'candidate-finished'; candidateId: string; framework: FrameworkName; status: ResultRow['status']; reason?: string}
		| {type: 'candidate-skipped'; candidateId: string; framework: FrameworkName; reason: string}
		| {type: 'warning'; message: string}
		| {type: 'run-aborted'; reason: string}
		| {
				type: 'run-finished';
				runDir: string;
				summaryPath: string | null;
				winners: ReadonlyArray<{framework: string; scenario: string; candidateId: string}>;
				/** What the run held (summary.json `cost`); absent from runs that ended before measuring. */
				cost?: RunCostBrief;
		  }
	);

/** GPU-seconds (GPUs held × launch-to-stop), launches, and whose clock (engine/cost-ledger.ts). */
export type RunCostBrief = {readonly gpu_seconds: number; readonly servers_launched: number; readonly clock: 'simulated' | 'wall'};

export type EngineEventType = EngineEvent['type'];
export type EventOf<T extends EngineEventType> = Extract<EngineEvent, {type: T}>;
