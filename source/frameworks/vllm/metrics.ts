import type {MetricsAdapter} from '../../server-metrics/types.js';
import {looksLikePrometheus, parsePrometheusText, pick} from '../../server-metrics/prometheus-text.js';

/**
 * vLLM's Prometheus `/metrics` (always mounted). Names from `vllm/v1/metrics/loggers.py`
 * (PrometheusStatLogger); counters are exposed with `_total`. Older spellings kept: V0's
 * `vllm:gpu_cache_usage_perc` (deprecated alias until ~0.11), `vllm:gpu_prefix_cache_{queries,hits}`
 * (0.9–0.10) and V0's `vllm:gpu_prefix_cache_hit_rate` gauge. Several engines (DP) each export a
 * series labelled `engine`: counts are summed, the KV fraction is the fullest engine's.
 */
export const vllmMetrics: MetricsAdapter = {
	framework: 'vllm',
	path: '/metrics',
	source: 'vllm GET /metrics (Prometheus)',
	parse(text, nowMs) {
		if (!looksLikePrometheus(text)) return {error: 'the answer is not Prometheus text'};
		const prom = parsePrometheusText(text);
		const running = pick(prom, ['vllm:num_requests_running']);
		const waiting = pick(prom, ['vllm:num_requests_waiting']);
		if (running === null && waiting === null) return {error: 'no vllm:num_requests_running / vllm:num_requests_waiting in the text'};
		return {
			samples: [
				{
					t: nowMs,
					running,
					waiting,
					kvCacheUsage: pick(prom, ['vllm:kv_cache_usage_perc', 'vllm:gpu_cache_usage_perc'], 'max'),
					preemptionsTotal: pick(prom, ['vllm:num_preemptions_total', 'vllm:num_preemptions']),
					prefixQueriesTotal: pick(prom, ['vllm:prefix_cache_queries_total', 'vllm:gpu_prefix_cache_queries_total', 'vllm:prefix_cache_queries']),
					prefixHitsTotal: pick(prom, ['vllm:prefix_cache_hits_total', 'vllm:gpu_prefix_cache_hits_total', 'vllm:prefix_cache_hits']),
					prefixHitRate: pick(prom, ['vllm:gpu_prefix_cache_hit_rate'], 'max'),
				},
			],
		};
	},
	unexported: {},
	enableHint: 'vLLM serves /metrics unless it runs behind a proxy that hides it',
	// Mounted only when the server runs with VLLM_SERVER_DEV_MODE=1 (vllm/entrypoints/serve/dev): a 404 otherwise.
	flushCache: {method: 'POST', path: '/reset_prefix_cache', whenMissing: 'vLLM serves it only with VLLM_SERVER_DEV_MODE=1'},
};
