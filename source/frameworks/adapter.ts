import type {FrameworkName} from './framework-name.js';
import type {Flags} from '../config/plan.js';

/**
 * What varies per framework, split by concern so each part lives with the code that needs it.
 * A framework = one folder `source/frameworks/<name>/` exporting these three parts, plus one line
 * in `source/frameworks/registry.ts`.
 */

/** How the framework's server CLI looks: flag style, default command, help capture. */
export type CliAdapter = {
	readonly name: FrameworkName;
	readonly defaultServerCommand: readonly string[];
	/** SGLang takes the model as --model-path; vLLM and TensorRT-LLM as the first positional. */
	readonly modelArgument: 'flag' | 'positional';
	/** `tp_size` → `--tp-size` (SGLang, vLLM) or `--tp_size` (TensorRT-LLM). */
	flagName(key: string): string;
	/** argv suffix that prints the full help, e.g. ['--help=all'] for vLLM. */
	readonly helpArgs: readonly string[];
	/** Glob-ish file-name patterns that identify a captured help file in --help-dir. */
	readonly helpFilePattern: RegExp;
	/** The config keys that carry the sequence limit, e.g. ['context_length']. */
	readonly sequenceLimitKeys: readonly string[];
};

/** How a launched server behaves: version query, readiness, failure classification. */
export type RuntimeAdapter = {
	readonly name: FrameworkName;
	/** argv that prints the version, e.g. ['vllm', '--version']. */
	readonly versionCommand: readonly string[];
	readonly readyLogPattern: RegExp;
	/** Path polled for readiness; 200 = ready (SGLang answers 503 while warming). */
	readonly healthPath: string;
	/** First match wins; `line` is quoted in the failure reason. */
	readonly failurePatterns: ReadonlyArray<{
		readonly pattern: RegExp;
		readonly status: 'oom' | 'failed' | 'timeout';
		readonly kind: string;
		readonly hint: string;
	}>;
	/** Flags the engine adds for the live pane (e.g. SGLang --enable-metrics), when accepted. */
	readonly extraLaunchFlags?: Flags;
};

/** The framework's own benchmark client: command rendering and result import. */
export type NativeBenchAdapter = {
	readonly name: FrameworkName;
	renderCommand(options: NativeBenchCommandOptions): readonly string[];
	/** One normalized metrics record per result record in the file. */
	parseResultFile(text: string): readonly NativeResult[];
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
	/** SGLang convention (source/workload/lengths.ts): 1 = fixed lengths (the default). */
	readonly rangeRatio?: number;
};

export type NativeResult = {
	readonly requestRate: number | 'inf' | null;
	readonly maxConcurrency: number | null;
	readonly numPrompts: number | null;
	readonly inputLen: number | null;
	readonly outputLen: number | null;
	/** Keys of MetricsSchema (source/results/result-row.ts). */
	readonly metrics: Readonly<Record<string, number | null>>;
	readonly model?: string | null;
	readonly datasetName?: string | null;
};
