import type {MetricsAdapter, ServerMetricField, ServerMetricsSample} from './types.js';

/** `server_metrics` of a result row / QPS round (the one schema of all three frameworks). */
export type ServerMetricsBlock = {
	running_max: number | null;
	waiting_max: number | null;
	kv_cache_usage_max: number | null;
	/** Preemptions (vLLM) / retractions (SGLang) during the round: counter difference. */
	preemptions: number | null;
	/** Prefix-cache hit rate over the round: Δhits ÷ Δqueries, or the mean of a hit-rate gauge. */
	prefix_cache_hit_rate: number | null;
	/** Null when the framework has no metrics endpoint the engine knows. */
	source: string | null;
	samples: number;
	/** Why a field is null (the framework does not export it, the scrape failed…). */
	unavailable: Record<string, string> | null;
};

const maxOf = (values: ReadonlyArray<number | null>): number | null => {
	const present = values.filter((value): value is number => value !== null);
	return present.length === 0 ? null : Math.max(...present);
};

function delta(samples: readonly ServerMetricsSample[], key: 'preemptionsTotal' | 'prefixQueriesTotal' | 'prefixHitsTotal'): number | null {
	const present = samples.map(sample => sample[key]).filter((value): value is number => value !== null);
	if (present.length < 2) return null;
	// A counter that went down means the server restarted between readings: the later run only.
	const last = present.at(-1)!;
	const first = present[0]!;
	return last >= first ? last - first : last;
}

function hitRate(samples: readonly ServerMetricsSample[]): number | null {
	const queries = delta(samples, 'prefixQueriesTotal');
	const hits = delta(samples, 'prefixHitsTotal');
	if (queries !== null && hits !== null && queries > 0) return Math.min(1, hits / queries);
	if (queries === 0) return null;
	const gauges = samples.map(sample => sample.prefixHitRate).filter((value): value is number => value !== null);
	return gauges.length === 0 ? null : gauges.reduce((sum, value) => sum + value, 0) / gauges.length;
}

const round = (value: number | null, digits = 4): number | null => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

const fieldNames: Record<ServerMetricField, string> = {
	running: 'running requests',
	waiting: 'waiting requests',
	kv_cache_usage: 'KV-cache usage',
	preemptions: 'a preemption counter',
	prefix_cache_hit_rate: 'prefix-cache counters',
};

/**
 * The round's readings → the row block. `samples` should start with a reading taken just before
 * the load started, so counter differences cover the round. `failure` says why there are none.
 */
export function summarizeServerMetrics(adapter: MetricsAdapter, samples: readonly ServerMetricsSample[], failure: string | null): ServerMetricsBlock {
	const block: ServerMetricsBlock = {
		running_max: maxOf(samples.map(sample => sample.running)),
		waiting_max: maxOf(samples.map(sample => sample.waiting)),
		kv_cache_usage_max: round(maxOf(samples.map(sample => sample.kvCacheUsage))),
		preemptions: delta(samples, 'preemptionsTotal'),
		prefix_cache_hit_rate: round(hitRate(samples)),
		source: adapter.source,
		samples: samples.length,
		unavailable: null,
	};
	const unavailable: Record<string, string> = {};
	const values: Record<ServerMetricField, number | null> = {
		running: block.running_max,
		waiting: block.waiting_max,
		kv_cache_usage: block.kv_cache_usage_max,
		preemptions: block.preemptions,
		prefix_cache_hit_rate: block.prefix_cache_hit_rate,
	};
	for (const field of Object.keys(values) as ServerMetricField[]) {
		if (values[field] !== null) continue;
		unavailable[field] =
			adapter.unexported[field] ??
			(samples.length === 0
				? (failure ?? `no readings from ${adapter.path}`)
				: field === 'prefix_cache_hit_rate'
					? 'no prefix-cache lookups during the round'
					: `${adapter.path} carried no ${fieldNames[field]}`);
	}

	block.unavailable = Object.keys(unavailable).length > 0 ? unavailable : null;
	return block;
}

/** The block of a framework whose adapter knows no metrics endpoint: every field null, and why. */
export function unavailableServerMetrics(reason: string): ServerMetricsBlock {
	const unavailable = Object.fromEntries((Object.keys(fieldNames) as ServerMetricField[]).map(field => [field, reason]));
	return {
		running_max: null,
		waiting_max: null,
		kv_cache_usage_max: null,
		preemptions: null,
		prefix_cache_hit_rate: null,
		source: null,
		samples: 0,
		unavailable,
	};
}
