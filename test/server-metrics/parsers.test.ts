import fs from 'node:fs';
import test from 'ava';
import {sglangMetrics} from '../../source/frameworks/sglang/metrics.js';
import {tensorrtLlmMetrics} from '../../source/frameworks/tensorrt-llm/metrics.js';
import {vllmMetrics} from '../../source/frameworks/vllm/metrics.js';
import {summarizeServerMetrics} from '../../source/server-metrics/summarize.js';
import type {MetricsAdapter, ServerMetricsSample} from '../../source/server-metrics/types.js';

// Texts in test/fixtures/metrics (README there says where each comes from).
const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/metrics/${name}`, import.meta.url), 'utf8');

function only(adapter: MetricsAdapter, text: string): ServerMetricsSample {
	const parsed = adapter.parse(text, 1000);
	if ('error' in parsed) throw new Error(parsed.error);
	return parsed.samples[0]!;
}

test('vLLM V1: counts summed over DP engines, KV fraction of the fullest engine, _total counters', t => {
	const sample = only(vllmMetrics, fixture('vllm-v1.reconstructed.prom'));
	t.like(sample, {
		running: 44,
		waiting: 3,
		kvCacheUsage: 0.4375,
		preemptionsTotal: 7,
		prefixQueriesTotal: 119_808,
		prefixHitsTotal: 24_064,
		prefixHitRate: null,
	});
});

test('vLLM 0.10.2 with deprecated aliases beside the new names reads the new ones once', t => {
	const sample = only(vllmMetrics, fixture('vllm-0.10.2-deprecated.reconstructed.prom'));
	t.like(sample, {running: 7, waiting: 11, kvCacheUsage: 0.91, preemptionsTotal: 3, prefixQueriesTotal: 4096, prefixHitsTotal: 1024});
});

test('vLLM V0 names: gpu_cache_usage_perc and the gpu_prefix_cache_hit_rate gauge', t => {
	const sample = only(vllmMetrics, fixture('vllm-v0.reconstructed.prom'));
	t.like(sample, {running: 12, waiting: 4, kvCacheUsage: 0.6523, preemptionsTotal: 9, prefixQueriesTotal: null, prefixHitRate: 0.25});
	const block = summarizeServerMetrics(vllmMetrics, [sample, {...sample, running: 30, preemptionsTotal: 12}], null);
	t.like(block, {running_max: 30, preemptions: 3, prefix_cache_hit_rate: 0.25, unavailable: null});
});

test('SGLang docs capture: fraction cache_hit_rate, num_running_reqs / num_queue_reqs', t => {
	const sample = only(sglangMetrics, fixture('sglang-docs.verbatim.prom'));
	t.like(sample, {running: 162, waiting: 2826, kvCacheUsage: 0.28, preemptionsTotal: null, prefixHitRate: 0.007507552643049313});
});

test('SGLang collector today: retraction counter and cached tokens with a cache_source label', t => {
	const sample = only(sglangMetrics, fixture('sglang-collector.reconstructed.prom'));
	t.like(sample, {
		running: 48,
		waiting: 17,
		kvCacheUsage: 0.83,
		preemptionsTotal: 6,
		prefixQueriesTotal: 204_800,
		prefixHitsTotal: 40_960,
		prefixHitRate: 0.12,
	});
	const later = {...sample, preemptionsTotal: 9, prefixQueriesTotal: 214_800, prefixHitsTotal: 43_460};
	// Over the round: 2 500 of 10 000 prompt tokens were cached, not the lifetime gauge.
	t.like(summarizeServerMetrics(sglangMetrics, [sample, later], null), {preemptions: 3, prefix_cache_hit_rate: 0.25});
});

test('SGLang 2024: old gauge names, label `name`, cache_hit_rate in percent', t => {
	const sample = only(sglangMetrics, fixture('sglang-2024.verbatim.prom'));
	t.like(sample, {running: 0, waiting: 0, kvCacheUsage: 0.01});
	t.is(Math.round(sample.prefixHitRate! * 10_000) / 10_000, 0.1061);
});

test('TensorRT-LLM: one sample per drained iteration; KV use from blocks; no preemption count (with why)', t => {
	const parsed = tensorrtLlmMetrics.parse(fixture('trtllm-iteration-stats.reconstructed.json'), 5000);
	if ('error' in parsed) return t.fail(parsed.error);
	t.is(parsed.samples.length, 2);
	t.like(parsed.samples[0], {t: 5000, running: 31, waiting: 4, preemptionsTotal: null, prefixHitRate: 0});
	t.is(parsed.samples[1]!.kvCacheUsage, 1520 / 9186);
	const block = summarizeServerMetrics(tensorrtLlmMetrics, parsed.samples, null);
	t.like(block, {running_max: 32, waiting_max: 4, kv_cache_usage_max: 0.1655, preemptions: null, prefix_cache_hit_rate: 0.125});
	t.regex(block.unavailable?.preemptions ?? '', /no preemption count/);
});

test('TensorRT-LLM: older builds with JSON strings in the array; an empty drain is no readings', t => {
	const parsed = tensorrtLlmMetrics.parse(fixture('trtllm-iteration-stats-strings.reconstructed.json'), 1);
	if ('error' in parsed) return t.fail(parsed.error);
	t.like(parsed.samples[0], {running: 8, waiting: 0, kvCacheUsage: 0.25});
	const empty = tensorrtLlmMetrics.parse('[]', 1);
	t.deepEqual(empty, {samples: []});
	const block = summarizeServerMetrics(tensorrtLlmMetrics, [], 'no iteration stats: set enable_iter_perf_stats');
	t.is(block.running_max, null);
	t.regex(block.unavailable?.running ?? '', /enable_iter_perf_stats/);
});

test('a page that is not a metrics text is an error, never a row of zeros', t => {
	t.true('error' in vllmMetrics.parse('<html><body>404 Not Found</body></html>', 1));
	t.true('error' in sglangMetrics.parse('{"detail":"Not Found"}', 1));
	t.true('error' in tensorrtLlmMetrics.parse('{"detail":"Not Found"}', 1));
	t.true('error' in vllmMetrics.parse('# HELP python_gc_objects_collected_total x\npython_gc_objects_collected_total{generation="0"} 1.0\n', 1));
});
