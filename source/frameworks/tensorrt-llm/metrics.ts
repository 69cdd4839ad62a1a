import type {MetricsAdapter, ServerMetricsSample} from '../../server-metrics/types.js';

/**
 * TensorRT-LLM's `GET /metrics` (tensorrt_llm/serve/openai_server.py `get_iteration_stats`): a
 * JSON array of IterationStats, drained on read (each poll returns the iterations since the last
 * one, `[]` when none ran or `enable_iter_perf_stats` is off). Older builds put each stat in the
 * array as a JSON string rather than an object; both are read. Fields: `numActiveRequests`,
 * `numQueuedRequests`, `kvCacheStats{maxNumBlocks, freeNumBlocks, usedNumBlocks, reusedBlocks,
 * missedBlocks, cacheHitRate}`.
 */
type Stat = Record<string, unknown>;

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function toStat(entry: unknown): Stat | null {
	if (typeof entry === 'string') {
		try {
			return toStat(JSON.parse(entry));
		} catch {
			return null;
		}
	}

	return entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Stat) : null;
}

function sampleOf(stat: Stat, fallbackT: number): ServerMetricsSample {
	const kv = toStat(stat.kvCacheStats);
	const max = num(kv?.maxNumBlocks);
	const used = num(kv?.usedNumBlocks) ?? (max !== null && num(kv?.freeNumBlocks) !== null ? max - num(kv?.freeNumBlocks)! : null);
	const reused = num(kv?.reusedBlocks);
	const missed = num(kv?.missedBlocks);
	return {
		// The iteration's own `timestamp` is a local-time "MM-DD-YYYY HH:MM:SS.us" string without a
		// zone; the poll time is the honest clock (a poll drains at most a second or two of iterations).
		t: fallbackT,
		running: num(stat.numActiveRequests),
		waiting: num(stat.numQueuedRequests),
		kvCacheUsage: max !== null && max > 0 && used !== null ? used / max : null,
		preemptionsTotal: null,
		prefixQueriesTotal: null,
		prefixHitsTotal: null,
		prefixHitRate: num(kv?.cacheHitRate) ?? (reused !== null && missed !== null && reused + missed > 0 ? reused / (reused + missed) : null),
	};
}

export const tensorrtLlmMetrics: MetricsAdapter = {
	framework: 'tensorrt_llm',
	path: '/metrics',
	source: 'tensorrt_llm GET /metrics (IterationStats JSON)',
	parse(text, nowMs) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			return {error: 'the answer is not JSON'};
		}

		if (!Array.isArray(parsed)) return {error: 'expected a JSON array of iteration stats'};
		const stats = parsed.map(toStat).filter((stat): stat is Stat => stat !== null);
		return {samples: stats.map(stat => sampleOf(stat, nowMs))};
	},
	unexported: {preemptions: 'TensorRT-LLM iteration stats carry no preemption count'},
	enableHint: 'set enable_iter_perf_stats: true in the --extra_llm_api_options YAML (TensorRT-LLM returns [] without it)',
	flushCache: {unavailable: 'trtllm-serve has no route to flush the KV-cache block reuse pool; only a fresh server is cold'},
};
