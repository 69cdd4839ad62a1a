import type {FlagValue, Flags} from '../frameworks/flags.js';
import type {FrameworkName} from '../frameworks/registry.js';
import type {DatasetKind, Endpoint} from '../results/workload-row.js';

/**
 * The normalized, validated plan that every later stage consumes. Both YAML shapes (cookbook v1 and
 * runtime plan, docs/config.md) load into this. Produced only by `load-plan.ts`; trusted everywhere else.
 */

export type {FlagValue, Flags} from '../frameworks/flags.js';

export type Scenario = {
	readonly name: string;
	readonly inputLen: number;
	readonly outputLen: number;
};

/** SLA keys as written in YAML (`max_p99_ttft_ms`, `min_success_rate`, `min_request_goodput`). */
export type Sla = Readonly<Record<string, number>>;

export type QpsSearch = {
	readonly lower: number;
	readonly upper: number;
	readonly tolerance: number;
	readonly maxRounds: number;
	/** Extra batches of num_prompts the search may measure at rates whose verdict is undecided. */
	readonly extraBatches: number;
};

export type DatasetSpec = {
	readonly kind: DatasetKind;
	readonly path: string | null;
	readonly numPrompts: number;
	readonly rangeRatio: number;
	readonly seed: number;
	readonly canonicalJsonl: string | null;
};

export type FrameworkPlan = {
	readonly name: FrameworkName;
	/** The key as written under `frameworks:` (`trtllm` for the alias), for YAML paths in messages. */
	readonly yamlKey?: string;
	readonly enabled: boolean;
	/** Shell-split server command, e.g. ['vllm', 'serve']. */
	readonly serverCommand: readonly string[];
	readonly baseFlags: Flags;
	/** Keys in YAML order; each value list has at least one element. */
	readonly searchSpace: ReadonlyArray<readonly [key: string, values: readonly FlagValue[]]>;
	readonly backendPolicy: string | null;
	readonly versionManifest: Readonly<Record<string, unknown>> | null;
	/** The framework's own section keys (FrameworkAdapter.config.settingsSchema), as parsed. */
	readonly settings?: Readonly<Record<string, unknown>>;
};

export type Plan = {
	readonly sourceFile: string;
	readonly shape: 'cookbook' | 'runtime';
	readonly model: {
		readonly name: string;
		readonly tokenizer: string | null;
		readonly precision: string | null;
		readonly quantization: string | null;
		/** From a local config.json when it could be read. */
		readonly maxPositionEmbeddings: number | null;
	};
	readonly hardware: {
		readonly gpuModel: string | null;
		readonly gpuCount: number;
		readonly gpuIds: readonly number[] | null;
		readonly multiNode: boolean;
	};
	readonly dataset: DatasetSpec;
	readonly scenarios: readonly Scenario[];
	readonly benchmark: {
		readonly endpoint: Endpoint;
		readonly backend: string | null;
		readonly maxConcurrency: ReadonlyArray<number | null>;
		readonly requestRates: readonly number[] | null;
		readonly qps: QpsSearch;
		readonly extraRequestBody: Readonly<Record<string, unknown>>;
		readonly warmupRequests: number;
		/** Most times a contender is measured again to separate a tie or settle an undecided verdict. */
		readonly repeats: number;
	};
	readonly sla: Sla;
	readonly search: {
		readonly tier: number | string | null;
		readonly maxCandidatesPerFramework: number;
		readonly candidateGeneration: string;
		readonly resume: boolean;
		readonly outputDir: string | null;
		/** `exhaustive` (every candidate in full, the default) or `adaptive` (source/engine/adaptive/, docs/config.md). */
		readonly strategy: 'exhaustive' | 'adaptive';
		/** Adaptive: launch candidates the memory model rejects anyway. */
		readonly runInfeasible: boolean;
		/** Adaptive: requests per probe; null = half of dataset.num_prompts (at least 8). */
		readonly probePrompts: number | null;
	};
	readonly frameworks: readonly FrameworkPlan[];
	/** Non-fatal findings (e.g. sequence coverage not verifiable). */
	readonly warnings: readonly string[];
};

export type Candidate = {
	/** `<framework>-<index>-<what differs from baseline>`, e.g. `sglang-00-baseline`. */
	readonly id: string;
	readonly framework: FrameworkName;
	readonly index: number;
	/** Base merged with this combination (search value wins). */
	readonly flags: Flags;
	/** Only the keys whose value differs from the baseline. */
	readonly diff: Flags;
	/** The server argv without --host/--port (added at launch). */
	readonly argv: readonly string[];
};

export type RejectedCandidate = {
	/** The id the candidate would have had (its place in the generated list); absent when unknown. */
	readonly id?: string;
	readonly framework: FrameworkName;
	readonly flags: Flags;
	readonly reason: string;
};

/** A problem found while loading or checking: always names the file and the YAML path. */
export type ConfigIssue = {
	readonly file: string;
	readonly path: string;
	readonly line: number | null;
	readonly message: string;
	readonly severity: 'error' | 'warning';
};
