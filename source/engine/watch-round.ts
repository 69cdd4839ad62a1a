import type {BenchProgress} from '../bench/bench-types.js';
import {progressIntervalMs} from '../bench/run-benchmark.js';
import {frameworkAdapter} from '../frameworks/registry.js';
import {flushPrefixCache, type CacheFlush} from '../server-metrics/flush-cache.js';
import {summarizeGpuTelemetry, type GpuTelemetryBlock, type TimedGpuSample} from '../server-metrics/gpu-telemetry.js';
import {detectSaturation, saturationRule, type CompletionPoint, type QueuePoint, type SaturationVerdict} from '../server-metrics/saturation.js';
import {startScraper} from '../server-metrics/scraper.js';
import {summarizeServerMetrics, unavailableServerMetrics, type ServerMetricsBlock} from '../server-metrics/summarize.js';
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
 * nvidia-smi readings (the poller's gpu-sampled events) during the run, and its steady window. Only
 * the server's own GPUs count: candidates running in parallel each have a poller for theirs.
 */
function watchGpus(context: RunContext, gpuIds: readonly number[] | null) {
	const samples: TimedGpuSample[] = [];
	const steady: {from: number | null; to: number | null} = {from: null, to: null};
	const own = (index: number) => gpuIds === null || gpuIds.includes(index);
	const stop = context.bus.subscribe(event => {
		if (event.type !== 'gpu-sampled') return;
		const gpus = event.gpus.filter(gpu => own(gpu.index));
		if (gpus.length > 0) samples.push({t: event.t, gpus});
	});
	return {
		samples,
		stop,
		/** The steady window: from 10 % to 90 % of the requests answered. */
		progress(progress: BenchProgress) {
			const answered = progress.completed + progress.failed;
			if (steady.from === null && answered >= 0.1 * progress.total) steady.from = Date.now();
			if (steady.to === null && answered >= 0.9 * progress.total) steady.to = Date.now();
		},
		summary: (outputTokensPerS: number | null) => summarizeGpuTelemetry(samples, steady, outputTokensPerS),
	};
}

/** A framework without a known metrics endpoint: the row says why its server fields are null; GPUs still count. */
function withoutMetrics(context: RunContext, reason: string, gpuIds: readonly number[] | null): RoundWatch {
	const gpus = watchGpus(context, gpuIds);
	const cacheFlush = {flushed: false, note: `${reason}, nor a way to flush its prefix cache`};
	return {
		progress: progress => gpus.progress(progress),
		async finish(outputTokensPerS) {
			gpus.stop();
			const serverMetrics = unavailableServerMetrics(reason);
			const gpuTelemetry = gpus.summary(outputTokensPerS);
			return {
				row: {serverMetrics, gpuTelemetry, saturation: null, cacheFlush},
				raw: {server_metrics: serverMetrics, gpu_telemetry: gpuTelemetry, gpu_series: gpus.samples, cache_flush: cacheFlush},
			};
		},
		async dispose() {
			gpus.stop();
		},
	};
}

/**
 * Around one measured run: flush the prefix cache first (where the framework can), then scrape the
 * server's metrics endpoint once per server second, fold nvidia-smi readings, feed the saturation
 * rule, and emit `server-metrics` events for the live pane. `onSaturated` stops the load client.
 */
export async function watchRound(context: RunContext, request: BenchRequest, onSaturated: () => void): Promise<RoundWatch> {
	if (request.observe === false) return unobserved;
	const {candidate, scenario} = request;
	const adapter = frameworkAdapter(candidate.framework).metrics;
	if (!adapter)
		return withoutMetrics(context, `${frameworkAdapter(candidate.framework).label} exports no metrics endpoint the engine knows`, request.server.gpuIds);
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
	const gpus = watchGpus(context, request.server.gpuIds);

	const onSamples = (samples: readonly ServerMetricsSample[]) => {
		const last = samples.at(-1)!;
		context.bus.emit({
			type: 'server-metrics',
			candidateId: candidate.id,
			scenario: scenario.name,
			reading: {running: last.running, waiting: last.waiting, kvCacheUsage: last.kvCacheUsage, preemptions: last.preemptionsTotal},
		});
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
			latest = {progress, at: Date.now()};
			if (checkSaturation) completions.push({s: progress.elapsedMs / 1000, completed: progress.completed + progress.failed});
			gpus.progress(progress);
		},
		async finish(outputTokensPerS) {
			const {samples, failure} = await stop();
			gpus.stop();
			const serverMetrics = summarizeServerMetrics(adapter, samples, failure);
			const gpuTelemetry = gpus.summary(outputTokensPerS);
			return {
				row: {serverMetrics, gpuTelemetry, saturation, cacheFlush},
				raw: {
					server_metrics: serverMetrics,
					server_metrics_series: samples,
					gpu_telemetry: gpuTelemetry,
					gpu_series: gpus.samples,
					saturation,
					cache_flush: cacheFlush,
				},
			};
		},
		async dispose() {
			gpus.stop();
			await stop();
		},
	};
}
