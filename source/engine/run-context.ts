import type {Candidate, Flags, FrameworkPlan, Plan, RejectedCandidate} from '../config/plan.js';
import type {Executor} from '../executors/executor.js';
import type {Placer} from '../executors/placement.js';
import type {LoadedRecipe} from '../recipes/recipe-schema.js';
import type {ResultRow} from '../results/result-row.js';
import type {WorkloadRow} from '../results/workload-row.js';
import type {RunArtifacts} from './artifacts.js';
import type {RowContext} from './build-row.js';
import type {Bus} from './bus.js';
import type {EngineDeps} from './engine-deps.js';
import type {ServerRegistry} from './server-registry.js';
import type {CostLedger} from './cost-ledger.js';

/**
 * One run's state, in three parts (docs/architecture.md, "Run state"): what the run was given
 * (`RunBase`), what preflight learned (`PreflightResult`, returned, never filled in place), both
 * read-only once composed into the `RunEnvironment`; and the `RunLedger`, the only part that changes
 * while candidates run.
 */

export type ScenarioWorkload = {
	readonly rows: readonly WorkloadRow[];
	readonly sha256: string;
	/** Relative to the run directory. */
	readonly file: string;
	readonly synthetic: boolean;
	readonly notes: readonly string[];
};

/** What the run is given before any check: inputs, where commands run, where facts go. */
export type RunBase = {
	readonly plan: Plan;
	readonly runId: string;
	readonly artifacts: RunArtifacts;
	readonly bus: Bus;
	readonly executor: Executor;
	readonly recipe: LoadedRecipe;
	readonly deps: EngineDeps;
	readonly gpuIds: readonly number[];
	readonly timeScale: number;
	readonly simulated: boolean;
	/** Aborted by session.abort() / SIGINT. */
	readonly runSignal: AbortSignal;
	/** Servers started and not yet stopped, on disk for `--resume` after a kill -9. */
	readonly servers: ServerRegistry;
};

/** What preflight learned about one framework (capture-help.ts, preflight.ts). */
export type FrameworkPreflight = {
	readonly plan: FrameworkPlan;
	readonly candidates: readonly Candidate[];
	readonly rejected: readonly RejectedCandidate[];
	/** Set when the whole framework cannot run (unsupported base flag, no --backend pytorch…). */
	readonly unsupported: string | null;
	/** Candidate id → why it is skipped before launch (unsupported flag, sequence limit). */
	readonly candidateProblems: ReadonlyMap<string, string>;
	/** Flags the engine adds at launch (SGLang --enable-metrics) that the captured help accepted. */
	readonly extraLaunchFlags?: Flags;
	/** Flags each candidate passes that the captured help accepted. */
	readonly acceptedFlags: ReadonlyMap<string, readonly string[]>;
	readonly version: string | null;
	readonly commit: string | null;
	readonly helpFile: string | null;
	readonly benchmarkHelpFile: string | null;
};

/** A framework as the run loop sees it: preflight's findings plus the context every row shares. */
export type FrameworkPrep = FrameworkPreflight & {readonly rowContext: RowContext};

/** The GPUs as nvidia-smi reported them during preflight. */
export type GpuFacts = {
	/** GPU index → model, for the placer's same-type rule. */
	readonly gpuNames: ReadonlyMap<number, string>;
	readonly gpuModel: string | null;
	readonly driverVersion: string | null;
	readonly cudaVersion: string | null;
};

/** Preflight's result: `ok` false when the run must stop (the failing check's event says why). */
export type PreflightResult = GpuFacts & {
	readonly ok: boolean;
	readonly frameworks: ReadonlyMap<string, FrameworkPreflight>;
	readonly workloads: ReadonlyMap<string, ScenarioWorkload>;
	/** Workload notes for the manifest and the report. */
	readonly notes: readonly string[];
};

/** Read-only for the whole run: the base, composed with preflight's result by start-session. */
export type RunEnvironment = RunBase &
	GpuFacts & {
		/** Where each candidate runs: its executor, address and GPUs (docs/placement.md). */
		readonly placer: Placer;
		readonly frameworks: ReadonlyMap<string, FrameworkPrep>;
		readonly workloads: ReadonlyMap<string, ScenarioWorkload>;
		/** The plan's warnings and preflight's workload notes. */
		readonly notes: readonly string[];
	};

/** What happened so far: the only state the run loop changes. */
export type RunLedger = {
	/** Row keys already in results.jsonl (resume) or written in this run. */
	readonly doneKeys: Set<string>;
	readonly rows: ResultRow[];
	/** Candidate ids the operator asked to skip before they started. */
	readonly skipQueued: Set<string>;
	/** Running candidates by id; skip aborts one controller. */
	readonly inFlight: Map<string, AbortController>;
	/** GPU-seconds and launches per candidate (cost-ledger.ts). */
	readonly cost: CostLedger;
	/** The load client's caveats about itself (BenchSummary.clientNotes), once each, for the manifest and report. */
	readonly clientNotes: Set<string>;
};

/** What every step of the run loop reads: the environment, and the ledger it appends to. */
export type RunContext = RunEnvironment & {readonly ledger: RunLedger};
