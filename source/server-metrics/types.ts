/**
 * One reading of a server's own metrics, in one schema for all three frameworks. Counters stay
 * cumulative (as the server exports them); the round summary takes their differences. A field the
 * framework did not export in this reading is null.
 */
export type ServerMetricsSample = {
	/** Wall ms since epoch when the reading was taken (or the iteration's own timestamp). */
	readonly t: number;
	readonly running: number | null;
	readonly waiting: number | null;
	/** KV-cache use, 0–1. */
	readonly kvCacheUsage: number | null;
	/** Cumulative preemptions (vLLM) / retractions (SGLang). */
	readonly preemptionsTotal: number | null;
	/** Cumulative prefix-cache queried and hit tokens (or blocks), when the server counts them. */
	readonly prefixQueriesTotal: number | null;
	readonly prefixHitsTotal: number | null;
	/** A hit-rate gauge (0–1), for servers that export only that. */
	readonly prefixHitRate: number | null;
};

export type ServerMetricField = 'running' | 'waiting' | 'kv_cache_usage' | 'preemptions' | 'prefix_cache_hit_rate';

export type ParsedMetrics = {readonly samples: readonly ServerMetricsSample[]} | {readonly error: string};

/** What the engine needs to know about one framework's metrics endpoint. */
export type MetricsAdapter = {
	/** The framework's registry name (vllm, sglang, tensorrt_llm). */
	readonly framework: string;
	readonly path: string;
	/** Named in rows (`server_metrics.source`), e.g. "vllm GET /metrics (Prometheus)". */
	readonly source: string;
	/** Text of one scrape → readings (TensorRT-LLM's JSON holds one per engine iteration). */
	parse(text: string, nowMs: number): ParsedMetrics;
	/** Fields this framework's endpoint never carries, with why (they stay null in rows). */
	readonly unexported: Partial<Record<ServerMetricField, string>>;
	/** What to do when the endpoint answers 404 or nothing (how to switch it on). */
	readonly enableHint: string;
	/** How to empty the prefix cache between rounds, or why it cannot be done. */
	readonly flushCache: {readonly method: 'POST' | 'GET'; readonly path: string; readonly whenMissing?: string} | {readonly unavailable: string};
};
