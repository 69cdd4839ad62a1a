import type {BenchProgress} from '../bench/bench-types.js';
import {progressIntervalMs} from '../bench/run-benchmark.js';
import {metricsAdapters} from '../frameworks/metrics-registry.js';
import {flushPrefixCache, type CacheFlush} from '../server-metrics/flush-cache.js';
import {summarizeGpuTelemetry, type GpuTelemetryBlock, type TimedGpuSample} from '../server-metrics/gpu-telemetry.js';
import {detectSaturation, saturationRule, type CompletionPoint, type QueuePoint, type SaturationVerdict} from '../server-metrics/saturation.js';
import {startScraper} from '../server-metrics/scraper.js';
import {summarizeServerMetrics, type ServerMetricsBlock} from '../server-metrics/summarize.js';
import type {ServerMetricsSample} from '../server-metrics/types.js';
import type {BenchRequest} from './run-bench.js';
import type {RunContext} from './run-context.js';

/** What a round saw beside the client's own figures: the server's metrics, the GPUs, the cache. */
export type RoundObservations = {
	readonly serverMetrics: ServerMetricsBlock | null;
	readonly gpuTelemetry: GpuTelemetryBlock | null;
	readonly saturation: SaturationVerdict | null;
	readonly cacheFlush: CacheFlush | null;
};

export type RoundWatch = {
	progress(progress: BenchProgress): void;
	finish(outputTokensPerS: number | null): Promise<{row: RoundObservations; raw: Record<string, unknown>}>;
	dispose(): Promise<void>;
};

const none: RoundObservations = {serverMetrics: null, gpuTelemetry: null, saturation: null, cacheFlush: null};
const unobserved: RoundWatch = {progress() {}, finish: async () => ({row: none, raw: {}}), dispose: async () => {}};

/**
 * Around one measured run: flush the prefix cache first (where the framework can), then scrape the
 * server's metrics endpoint once per server second, fold nvidia-smi readings, feed the saturation
 * rule, and emit `server-metrics` events for the live pane. `onSaturated` stops the load client.
 */
export async function watchRound(context: RunContext, request: BenchRequest, onSaturated: () => void): Promise<RoundWatch> {
	if (request.observe === false) return unobserved;
	const {candidate, scenario} = request;
	const adapter = metricsAdapters[candidate.framework];
	const baseUrl = request.server.baseUrl;
	const cacheFlush = await flushPrefixCache(baseUrl, adapter);
	const total = context.workloads.get(scenario.name)?.rows.length ?? context.plan.dataset.numPrompts;
	const rate = request.requestRate;
	// One reading per server second, but no more than ten a wall second (a fast simulated clock).
	const intervalMs = Math.max(100, 1000 * context.timeScale);
	const readingIntervalS = intervalMs / 1000 / context.timeScale;
	// Every fixed-rate run (search rounds and benchmark.request_rates); a burst saturates by design.
	const checkSaturation = context.deps.saturationStop !== false && Number.isFinite(rate);
	const rule = saturationRule(Math.min(total, request.numPrompts ?? total), rate, readingIntervalS, progressIntervalMs / 1000 / context.timeScale);
	const points: QueuePoint[] = [];
	const completions: CompletionPoint[] = [];
	let saturation: SaturationVerdict | null = null;
	let latest: {progress: BenchProgress; at: number} | null = null;
	const steady: {from: number | null; to: number | null} = {from: null, to: null};
	const gpuSamples: TimedGpuSample[] = [];
	const unsubscribe = context.bus.subscribe(event => {
		if (event.type === 'gpu-sampled') gpuSamples.push({t: event.t, gpus: event.gpus});
	});

	const onSamples = (samples: readonly ServerMetricsSample[]) => {
		const last = samples.at(-1)!;
		context.bus.emit({type: 'server-metrics', candidateId: candidate.id, scenario: scenario.name, reading: {running: last.running, waiting: last.waiting, kvCacheUsage: last.kvCacheUsage, preemptions: last.preemptionsTotal}});
		if (!checkSaturation || saturation || !latest) return;
		const s = (latest.progress.elapsedMs + (Date.now() - latest.at) / context.timeScale) / 1000;
		const queue = last.waiting ?? Math.max(0, latest.progress.inFlight - (last.running ?? 0));
		points.push({s, queue});
		saturation = detectSaturation(points, completions, rule, rate);
		if (saturation) onSaturated();
	};

	const scraper = await startScraper({baseUrl, adapter, intervalMs, onSamples});
	let stopped: Promise<{samples: ServerMetricsSample[]; failure: string | null}> | null = null;
	const stop = () => (stopped ??= scraper.stop());
	return {
		progress(progress) {
			const now = Date.now();
			latest = {progress, at: now};
			if (checkSaturation) completions.push({s: progress.elapsedMs / 1000, completed: progress.completed + progress.failed});
			const answered = progress.completed + progress.failed;
			if (steady.from === null && answered >= 0.1 * progress.total) steady.from = now;
			if (steady.to === null && answered >= 0.9 * progress.total) steady.to = now;
		},
		async finish(outputTokensPerS) {
			const {samples, failure} = await stop();
			unsubscribe();
			const serverMetrics = summarizeServerMetrics(adapter, samples, failure);
			const gpuTelemetry = summarizeGpuTelemetry(gpuSamples, steady, outputTokensPerS);
			return {
				row: {serverMetrics, gpuTelemetry, saturation, cacheFlush},
				raw: {server_metrics: serverMetrics, server_metrics_series: samples, gpu_telemetry: gpuTelemetry, gpu_series: gpuSamples, saturation, cache_flush: cacheFlush},
			};
		},
		async dispose() {
			unsubscribe();
			await stop();
		},
	};
}
