import type {MetricsAdapter} from '../server-metrics/types.js';
import type * as v from 'valibot';
import type {RequestBodyStyle} from '../bench/request-body.js';
import type {Flags} from './flags.js';
import type {NativeResult} from '../native/native-result.js';
import type {Endpoint, WorkloadRow} from '../results/workload-row.js';

/**
 * What varies per framework. A framework = one folder `source/frameworks/<name>/` whose
 * `adapter.ts` composes the parts below from the folder's files (cli.ts, runtime.ts, help.ts, …),
 * plus one line in `source/frameworks/registry.ts`. Code outside the folders asks the registry and
 * never names a framework.
 */

/** How the framework's server CLI looks: flag style, default command, help capture. */
export type CliAdapter = {
	/** Empty when there is no standard command (openai_compatible: the config must give one). */
	readonly defaultServerCommand: readonly string[];
	/** How the model reaches the server: `--model-path M`, a first positional, or not at all. */
	readonly modelArgument: 'flag' | 'positional' | 'none';
	/** The option that carries the model when `modelArgument` is 'flag' (e.g. `--model-path`). */
	readonly modelFlag?: string;
	/** `tp_size` → `--tp-size` (dashed) or `--tp_size` (TensorRT-LLM keeps underscores). */
	flagName(key: string): string;
	/** The options the launch adds for the listening address (`--host`, `--port`). */
	readonly hostFlag: string;
	readonly portFlag: string;
	/** argv that prints the server's full help, or null when none is known (flags are then not checked). */
	helpCommand(serverCommand: readonly string[]): readonly string[] | null;
	/** Captured help file names in `--help-dir` that belong to this framework. */
	readonly helpFilePattern: RegExp;
	/** The same, as a glob for messages and usage texts (`vllm*serve*`). */
	readonly helpFileGlob: string;
	/** A benchmark-client help worth saving beside the server's (informational). */
	readonly benchmarkHelpCommand?: readonly string[];
};

/** How the framework's help text reads (the row grammar is shared: plan/help/option-rows.ts). */
export type HelpDialect = {
	/** argparse's usage block enumerates every option; click's does not. */
	readonly usageBlockListsFlags: boolean;
	/** Spaces before an option row (default 1–4, argparse and click). */
	readonly rowIndent?: {readonly min: number; readonly max: number};
	/** Look a rendered flag up the way the framework's own parser matches it. */
	lookup<T>(flags: ReadonlyMap<string, T>, flag: string): T | undefined;
	/** Whether a bundled-catalog entry with this note has a `--no-x` form. */
	catalogNegatable(note: string): boolean;
	/** The bundled flag catalog (frameworks/catalog/<file>), or null when there is none. */
	readonly catalogFile: string | null;
	/** Why a capture that lists almost no options is unusable, when it is a known wrong capture. */
	unusableReason?(text: string): string | null;
	/** A captured help that shows the environment cannot run this framework as benchmarked. */
	environmentProblem?(text: string): {readonly detail: string; readonly hint: string} | null;
};

export type FailurePattern = {
	readonly pattern: RegExp;
	readonly status: 'oom' | 'failed' | 'timeout';
	readonly kind: string;
	readonly hint: string;
};

/** How a launched server behaves: version query, readiness, failure classification. */
export type RuntimeAdapter = {
	/** argv that prints the version, e.g. ['vllm', '--version']; null = not known. */
	readonly versionCommand: readonly string[] | null;
	/** The version and git commit in that command's output (banners and warnings included). */
	parseVersion(text: string): {readonly version: string | null; readonly commit: string | null};
	readonly readyLogPattern: RegExp;
	/** Path polled for readiness; 200 = ready (SGLang answers 503 while warming). */
	readonly healthPath: string;
	/** First match wins; `line` is quoted in the failure reason. */
	readonly failurePatterns: readonly FailurePattern[];
	/** Flags the engine adds for the live pane (e.g. SGLang --enable-metrics), when accepted. */
	readonly extraLaunchFlags?: Flags;
};

export type NativeDataset = {readonly reads: 'workload'} | {readonly reads: 'derived'; readonly text: string} | {readonly reads: 'own'; readonly why: string};

/** The framework's own benchmark client: command rendering and result import. */
export type NativeBenchAdapter = {
	/** The client and its result file, for `import --help` (e.g. "`vllm bench serve --save-result` JSON"). */
	readonly resultFile: string;
	/**
	 * What the client can do with a scenario's canonical workload (docs/native-clients.md): read the
	 * file as it is, read a file derived from it (the engine writes it beside the workload), or only
	 * draw its own prompts of the same lengths — with the exact reason. The rendered command gets the
	 * file it reads as `datasetPath` (null: its own prompts); either way it is labelled an equivalent
	 * reproduction.
	 */
	dataset(rows: readonly WorkloadRow[], endpoint: Endpoint): NativeDataset;
	/** Extension of the result file the command writes (`jsonl` when it appends lines). */
	readonly resultExtension: string;
	renderCommand(options: NativeBenchCommandOptions): readonly string[];
	/** One normalized metrics record per result record in the file. */
	parseResultFile(text: string): readonly NativeResult[];
};

/** A config problem at a YAML path below `frameworks.<key>` (the caller prefixes the path). */
export type SectionIssue = {readonly path: ReadonlyArray<string | number>; readonly message: string; readonly severity: 'error' | 'warning'};

export type SearchEntry = readonly [key: string, values: readonly unknown[], wasList: boolean];

/** What the config checker asks of a framework beyond the shared section shape. */
export type ConfigRules = {
	/** The flags that carry the sequence limit, e.g. ['context_length']. */
	readonly sequenceLimitKeys: readonly string[];
	/**
	 * An unset limit: 'model-default' = the server falls back to the model's own maximum (accepted
	 * when the model's limit covers the scenarios); 'must-set' = a cookbook config must set it.
	 */
	readonly unsetSequenceLimit: 'model-default' | 'must-set';
	/** The backend policy a section gets when it names none (TensorRT-LLM: fixed_pytorch). */
	readonly defaultBackendPolicy?: string;
	/** Framework-specific section checks (TensorRT-LLM's backend policy). */
	checkSection?(section: {
		readonly shape: 'cookbook' | 'runtime';
		readonly backendPolicy: string | null | undefined;
		readonly baseFlags: Flags;
		readonly searchSpace: readonly SearchEntry[];
	}): readonly SectionIssue[];
	/** Why one generated candidate must not run (never translated), or null. */
	candidateViolation?(flags: Flags, backendPolicy: string | null): string | null;
	/** Extra keys this framework accepts under `frameworks.<key>` (openai_compatible: ready_path…). */
	readonly settingsSchema?: v.ObjectSchema<v.ObjectEntries, undefined>;
	/** A section problem that depends on the settings (e.g. a required key). */
	checkSettings?(settings: Readonly<Record<string, unknown>>, shape: 'cookbook' | 'runtime'): readonly SectionIssue[];
};

/** What the executor must know about a framework's official image to run a command in it. */
export type ContainerRules = {
	/** The image's entrypoint would be prepended to our argv: run with `--entrypoint ''`. */
	readonly clearEntrypoint: boolean;
	/** Extra `docker run` options for a server on these GPUs (TensorRT-LLM multi-GPU: NCCL, shm). */
	runArgs?(gpuCount: number): readonly string[];
};

/** Slot: the server's own metrics endpoint, its parser and cache flush (source/server-metrics/types.ts). */
export type {MetricsAdapter} from '../server-metrics/types.js';

/** The per-plan parts of an adapter that a framework's settings may change (openai_compatible). */
export type Configured = {readonly cli: CliAdapter; readonly runtime: RuntimeAdapter};

/**
 * How the framework's settings turn into GPU memory, for the adaptive search's feasibility guard
 * (source/engine/adaptive/feasibility.ts). `mode` — utilization: the fraction covers everything the
 * engine allocates (vLLM); static: weights + KV pool (SGLang); free: the KV share of what the
 * weights leave (TensorRT-LLM).
 */
export type MemoryKnobs = {
	readonly tpKeys: readonly string[];
	readonly fractionKey: string;
	readonly defaultFraction: number;
	readonly mode: 'utilization' | 'static' | 'free';
	readonly maxLenKey: string;
	readonly kvDtypeKey: string;
	readonly quantizationKey: string;
};

export type FrameworkAdapter = {
	/** Canonical key under `frameworks:` in YAML, in candidate ids and rows. */
	readonly name: string;
	readonly label: string;
	/** Other YAML keys (and `import --from` values) that mean this framework, e.g. `trtllm`. */
	readonly aliases: readonly string[];
	/** One-letter series mark in terminal charts (lowercase p50, uppercase p99); unique. */
	readonly chartLetter: string;
	/** Series colour in the HTML report; unique. */
	readonly colour: string;
	readonly cli: CliAdapter;
	readonly help: HelpDialect;
	readonly runtime: RuntimeAdapter;
	/** Null when the framework has no benchmark client of its own. */
	readonly nativeBench: NativeBenchAdapter | null;
	readonly config: ConfigRules;
	readonly container?: ContainerRules;
	/** How the server wants the load client's request spelled (absent: the portable style). */
	readonly requestBody?: RequestBodyStyle;
	/** Absent: the framework exports no metrics the engine knows (rows say so). */
	readonly metrics?: MetricsAdapter;
	/** Base flags when the wizard starts a plan from scratch; absent = not in a scratch plan. */
	readonly scratchFlags?: Flags;
	/** The CLI and runtime for one config section's settings (default: the static ones). */
	configure?(settings: Readonly<Record<string, unknown>>): Configured;
	/** For the adaptive search's memory guard; absent = the guard does not judge this framework. */
	readonly memoryKnobs?: MemoryKnobs;
};

export type NativeBenchCommandOptions = {
	readonly baseUrl: string;
	readonly model: string;
	readonly tokenizer: string | null;
	readonly endpoint: '/v1/completions' | '/v1/chat/completions';
	readonly datasetPath: string | null;
	readonly inputLen: number;
	readonly outputLen: number;
	readonly numPrompts: number;
	readonly requestRate: number | 'inf';
	readonly maxConcurrency: number | null;
	readonly seed: number;
	readonly resultFile: string;
	readonly extraRequestBody: Readonly<Record<string, unknown>>;
	/** Our length convention (source/workload/lengths.ts): 1 = fixed lengths (the default). */
	readonly rangeRatio?: number;
};

export type {NativeResult} from '../native/native-result.js';
