import type {Candidate, Flags, FrameworkPlan, Plan, RejectedCandidate} from '../config/plan.js';
import type {WorkloadRow} from '../results/workload-row.js';
import type {Executor} from '../executors/executor.js';
import type {LoadedRecipe} from '../recipes/recipe-schema.js';
import type {ResultRow} from '../results/result-row.js';
import type {RunArtifacts} from './artifacts.js';
import type {Bus} from './bus.js';
import type {EngineDeps} from './engine-deps.js';
import type {RowContext} from './build-row.js';
import type {ServerRegistry} from './server-registry.js';

export type ScenarioWorkload = {
	readonly rows: readonly WorkloadRow[];
	readonly sha256: string;
	/** Relative to the run directory. */
	readonly file: string;
	readonly synthetic: boolean;
	readonly notes: readonly string[];
};

/** What preflight learned about one framework. */
export type FrameworkPrep = {
	readonly plan: FrameworkPlan;
	readonly candidates: readonly Candidate[];
	readonly rejected: readonly RejectedCandidate[];
	/** Set when the whole framework cannot run (unsupported base flag, no --backend pytorch…). */
	unsupported: string | null;
	/** Candidate id → why it is skipped before launch (unsupported flag, sequence limit). */
	readonly candidateProblems: Map<string, string>;
	/** Flags the engine adds at launch (SGLang --enable-metrics) that the captured help accepted. */
	extraLaunchFlags?: Flags;
	/** Flags each candidate passes that the captured help accepted. */
	readonly acceptedFlags: Map<string, string[]>;
	version: string | null;
	commit: string | null;
	helpFile: string | null;
	benchmarkHelpFile: string | null;
	rowContext: RowContext | null;
};

/** The state shared by the steps of one run; built by start-session, read by every step. */
export type RunContext = {
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
	/** Row keys already in results.jsonl (resume) or written in this run. */
	readonly doneKeys: Set<string>;
	readonly rows: ResultRow[];
	readonly workloads: Map<string, ScenarioWorkload>;
	readonly frameworks: Map<string, FrameworkPrep>;
	/** Candidate ids the operator asked to skip before they started. */
	readonly skipQueued: Set<string>;
	/** Servers started and not yet stopped, on disk for `--resume` after a kill -9. */
	readonly servers: ServerRegistry;
	/** The running candidate's controller (skip aborts it). */
	current: {candidateId: string; controller: AbortController} | null;
	gpuModel: string | null;
	driverVersion: string | null;
	cudaVersion: string | null;
	readonly notes: string[];
};
