import type {EngineConfig, SimFramework} from '../perf/engine-config.js';
import type {MemoryPlan} from '../perf/memory.js';
import type {StartupPause} from './startup-costs.js';

/** A launch that passed every startup check: what the server process runs with. */
export type LaunchPlan = {
	readonly framework: SimFramework;
	readonly modelPath: string;
	readonly servedModel: string;
	readonly host: string;
	readonly port: number;
	readonly version: string;
	readonly config: EngineConfig;
	readonly memory: Extract<MemoryPlan, {ok: true}>;
	readonly gpus: number[];
	readonly enableMetrics: boolean;
	/** `--api-key` (vLLM, SGLang); null = open. */
	readonly apiKey: string | null;
	/** Request limit on prompt + max_tokens. */
	readonly maxContext: number;
	readonly maxPromptTokens: number | null;
	/** Prefix caching (SGLang radix cache, vLLM prefix caching); both on by default. */
	readonly prefixCaching?: boolean;
	/** Startup log lines, in order, printed while the server "loads". */
	readonly startupLog: string[];
	/** Simulated seconds spent before some of those lines (graph capture, compile, warm-up; startup-costs.ts). */
	readonly startupPauses?: readonly StartupPause[];
};

/** A startup that dies the way the real framework does: these lines on stderr, then this exit status. */
export type LaunchFailure = {
	readonly exitCode: number;
	/** Log lines printed before the failure (the real frameworks log a while before dying). */
	readonly logBefore: string[];
	readonly errorLines: string[];
};

export type Resolution = {readonly ok: true; readonly plan: LaunchPlan} | {readonly ok: false; readonly failure: LaunchFailure};

/** A Python exception as the frameworks print it: traceback header, a frame, the final line. */
export function pythonError(file: string, line: number, finalLine: string): string[] {
	return ['Traceback (most recent call last):', `  File "${file}", line ${line}, in <module>`, finalLine];
}
