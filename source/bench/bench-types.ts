import type {RequestBodyStyle} from './request-body.js';

/**
 * The contract of the built-in load client (docs/measurement.md). The engine and `llm-bench-tui bench`
 * both call `runBenchmark` (source/bench/run-benchmark.ts) with these shapes.
 */

import type {Endpoint, WorkloadRow} from '../results/workload-row.js';

/** The rows the load client sends are the canonical workload rows; their type lives with the run's other file formats. */
export type {WorkloadRow} from '../results/workload-row.js';

export type GoodputSla = {
	readonly ttftMs?: number;
	readonly tpotMs?: number;
	readonly e2eMs?: number;
};

export type BenchOptions = {
	readonly baseUrl: string;
	readonly model: string;
	readonly endpoint: Endpoint;
	readonly rows: readonly WorkloadRow[];
	/** Requests per second, or Infinity for a burst. */
	readonly requestRate: number;
	readonly burstiness?: number;
	readonly maxConcurrency?: number | null;
	/** Requests sent first and excluded from every figure. */
	readonly warmupRequests?: number;
	readonly seed?: number;
	readonly extraRequestBody?: Readonly<Record<string, unknown>>;
	/** How the target server spells the body (its framework adapter's); default: the portable one. */
	readonly bodyStyle?: RequestBodyStyle;
	readonly goodput?: GoodputSla;
	/** Per-request timeout. */
	readonly requestTimeoutMs?: number;
	/** Environment variable holding an API key (sent as Bearer); the value never leaves this module. */
	readonly apiKeyEnv?: string;
	/** The key itself, held so that printing it prints only the redaction mark (engine runs). */
	readonly apiKey?: {reveal(): string};
	/**
	 * Wall seconds per server second (the simulated box runs faster than real time). Arrivals are
	 * scheduled at requestRate / timeScale and every figure is reported in server time (durations ÷
	 * timeScale, rates × timeScale). 1 on a real box.
	 */
	readonly timeScale?: number;
	readonly signal?: AbortSignal;
	/** Called at most ~4 times a second and once at the end. */
	readonly onProgress?: (progress: BenchProgress) => void;
};

export type BenchProgress = {
	readonly completed: number;
	readonly failed: number;
	readonly total: number;
	readonly inFlight: number;
	readonly elapsedMs: number;
	readonly p50TtftMs: number | null;
	readonly p50TpotMs: number | null;
	readonly requestThroughput: number | null;
	readonly outputTokenThroughput: number | null;
	/** `{p50,p90,p95,p99,mean}_{ttft,tpot,e2e}_ms` of the finished requests (the row's metric names). */
	readonly latency?: Readonly<Record<string, number | null>>;
	/** Failed requests by kind ("HTTP 503", "connection error", …). */
	readonly errors?: Readonly<Record<string, number>>;
};

/** Per-request record (`--output-details`). */
export type RequestRecord = {
	readonly index: number;
	readonly scheduledMs: number;
	readonly sentMs: number;
	readonly ttftMs: number | null;
	readonly e2eMs: number | null;
	readonly itlMs: readonly number[];
	readonly promptTokens: number | null;
	readonly outputTokens: number | null;
	readonly success: boolean;
	readonly error: string | null;
	/** Where outputTokens came from: the server's `usage`, or a count of content chunks (fallback). */
	readonly outputTokensSource?: 'usage' | 'chunks' | null;
	/** Requested output length (max_tokens); a success never has fewer output tokens. */
	readonly requestedOutputTokens?: number;
};

export type BenchSummary = {
	readonly requestRate: number | 'inf';
	readonly maxConcurrency: number | null;
	readonly numPrompts: number;
	readonly completed: number;
	readonly failed: number;
	readonly durationS: number;
	readonly successRate: number;
	readonly requestThroughput: number;
	readonly requestGoodput: number | null;
	readonly outputTokenThroughput: number;
	readonly totalTokenThroughput: number;
	/** `{mean,p50,p90,p95,p99}_{ttft,tpot,itl,e2e}_ms`; null when no request produced the value. */
	readonly latency: Readonly<Record<string, number | null>>;
	/** Distinct failure reasons with counts, e.g. {"HTTP 400: context length exceeded": 3}. */
	readonly errors: Readonly<Record<string, number>>;
	readonly records: readonly RequestRecord[];
	/** Caveats about how figures were obtained (token-count fallback, abort), for the report. */
	readonly notes?: readonly string[];
	/** How the sends were timed: which thread, at what OS priority (paced runs), or all at once. */
	readonly sender?: string;
	/**
	 * Caveats about the load client itself, the same for every round of a run (a sender the OS would
	 * not raise): the engine reports each once per run rather than on every row.
	 */
	readonly clientNotes?: readonly string[];
};
