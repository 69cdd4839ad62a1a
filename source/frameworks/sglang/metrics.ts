import type {MetricsAdapter} from '../../server-metrics/types.js';
import {looksLikePrometheus, parsePrometheusText, pick} from '../../server-metrics/prometheus-text.js';

/**
 * SGLang's Prometheus `/metrics`, served only with `--enable-metrics`. Names from
 * `python/sglang/srt/metrics/collector.py` (SchedulerMetricsCollector): `sglang:num_running_reqs`,
 * `sglang:num_queue_reqs`, `sglang:token_usage` (KV pool use 0–1), `sglang:cache_hit_rate`,
 * retractions as `sglang:num_retracted_requests_total` (newest counter) or
 * `sglang:total_retracted_reqs` (cumulative gauge). Older builds (2024 docs) used
 * `sglang:num_requests_running`, `sglang:num_requests_waiting` / `sglang:queue_req`, the label
 * `name` instead of `model_name`, and a `cache_hit_rate` in percent.
 */
export const sglangMetrics: MetricsAdapter = {
	framework: 'sglang',
	path: '/metrics',
	source: 'sglang GET /metrics (Prometheus, --enable-metrics)',
	parse(text, nowMs) {
		if (!looksLikePrometheus(text)) return {error: 'the answer is not Prometheus text'};
		const prom = parsePrometheusText(text);
		const running = pick(prom, ['sglang:num_running_reqs', 'sglang:num_requests_running']);
		const waiting = pick(prom, ['sglang:num_queue_reqs', 'sglang:num_requests_waiting', 'sglang:queue_req']);
		if (running === null && waiting === null) return {error: 'no sglang:num_running_reqs / sglang:num_queue_reqs in the text'};
		const gauge = pick(prom, ['sglang:cache_hit_rate'], 'max');
		// The 2024 collector reported percent (10.61 = 10.61 %); today's reports a fraction.
		const hitRate = gauge === null ? null : gauge > 1 ? gauge / 100 : gauge;
		return {
			samples: [
				{
					t: nowMs,
					running,
					waiting,
					kvCacheUsage: pick(prom, ['sglang:token_usage'], 'max'),
					preemptionsTotal: pick(prom, ['sglang:num_retracted_requests_total', 'sglang:total_retracted_reqs']),
					prefixQueriesTotal: pick(prom, ['sglang:prompt_tokens_total']),
					prefixHitsTotal: pick(prom, ['sglang:cached_tokens_total']),
					prefixHitRate: hitRate,
				},
			],
		};
	},
	unexported: {},
	enableHint: 'start SGLang with --enable-metrics (the engine adds it when the help lists it)',
	// Answers 400 while requests are in flight (python/sglang/srt/entrypoints/http_server.py).
	flushCache: {method: 'POST', path: '/flush_cache'},
};
