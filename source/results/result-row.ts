import * as v from 'valibot';
import {StatisticsSchema} from './statistics-block.js';

/**
 * One normalized result row (docs/result-rows.md): one candidate × scenario (× max_concurrency, × load mode).
 * Written to results.jsonl by the engine, produced by `import` from native result files, read by
 * the report. A missing measurement is absent or null, never 0.
 */

const num = v.nullish(v.number());
const str = v.nullish(v.string());

export const rowStatuses = ['ok', 'failed', 'oom', 'timeout', 'skipped'] as const;
export const RowStatusSchema = v.picklist(rowStatuses);
export type RowStatus = v.InferOutput<typeof RowStatusSchema>;

/**
 * Why a row is `skipped`, as data (failure_reason keeps the words): `policy` (a plan policy rejected
 * the candidate), `unsupported` (the CLI does not accept one of its flags, or its sequence limit is
 * too short), `framework-cut` (the whole framework stopped: not installed, unsupported base flag,
 * busy GPU, the first candidates all failing alike), `operator` (skipped by the operator),
 * `run-aborted` (the run ended first; --resume runs it again), `infeasible` and `pruned` (adaptive search, below).
 */
export const skipCauses = ['policy', 'unsupported', 'framework-cut', 'operator', 'run-aborted', 'infeasible', 'pruned'] as const;
/**
 * Adaptive search (issue 16, docs/result-rows.md): `infeasible` — the memory model says it cannot
 * fit, `predicted` holds the model's numbers; `pruned` — its probe showed it cannot beat the best
 * so far, `evidence` holds the probe's verdict at the challenge rate and the best's figures.
 */
export const SkipCauseSchema = v.object({
	kind: v.picklist(skipCauses),
	predicted: v.optional(v.record(v.string(), v.unknown())),
	evidence: v.optional(v.record(v.string(), v.unknown())),
});
export type SkipCause = v.InferOutput<typeof SkipCauseSchema>;

export const latencyStats = ['mean', 'p50', 'p90', 'p95', 'p99'] as const;
export const latencyMetrics = ['ttft', 'tpot', 'itl', 'e2e'] as const;
export type LatencyStat = (typeof latencyStats)[number];
export type LatencyMetric = (typeof latencyMetrics)[number];
export type LatencyKey = `${LatencyStat}_${LatencyMetric}_ms`;

const latencyEntries = Object.fromEntries(latencyStats.flatMap(stat => latencyMetrics.map(metric => [`${stat}_${metric}_ms`, num]))) as Record<
	LatencyKey,
	typeof num
>;

export const MetricsSchema = v.object({
	request_throughput: num,
	request_goodput: num,
	output_token_throughput: num,
	total_token_throughput: num,
	success_rate: num,
	completed: num,
	failed: num,
	duration_s: num,
	/**
	 * The arrival rate the client actually offered (requests sent ÷ the window they were sent in),
	 * beside the target `workload.request_rate`; null for a burst or a single request.
	 */
	offered_request_rate: num,
	...latencyEntries,
});
export type Metrics = v.InferOutput<typeof MetricsSchema>;

/** `steady` = fixed-QPS point found by the SLA search; `burst` = request_rate inf; `smoke` = flow check. */
export const loadModes = ['steady', 'burst', 'smoke', 'single'] as const;

export const WorkloadInfoSchema = v.object({
	kind: str,
	scenario: v.string(),
	dataset_path: str,
	dataset_sha256: str,
	input_len: num,
	output_len: num,
	num_prompts: num,
	request_rate: v.nullish(v.union([v.number(), v.literal('inf')])),
	max_concurrency: num,
	endpoint: str,
	load_mode: v.nullish(v.picklist(loadModes)),
	synthetic: v.nullish(v.boolean()),
});
export type WorkloadInfo = v.InferOutput<typeof WorkloadInfoSchema>;

export const HardwareInfoSchema = v.object({
	gpu_model: str,
	gpu_count: num,
	visible_devices: str,
	simulated: v.nullish(v.boolean()),
});

/** SLA block: the plan's keys (max_p99_ttft_ms, min_success_rate, …) plus `passed` and why not. */
export const SlaBlockSchema = v.looseObject({
	passed: v.nullish(v.union([v.boolean(), v.string()])),
	failures: v.nullish(v.array(v.string())),
	/** SPEC §11: `passed: null, undecided: true` when an interval straddles its bound. */
	undecided: v.nullish(v.boolean()),
	undecided_reasons: v.nullish(v.array(v.string())),
});

export const NormalizationSchema = v.object({
	same_gpu_count: v.nullish(v.boolean()),
	same_model_weights: v.nullish(v.boolean()),
	same_tokenizer: v.nullish(v.boolean()),
	same_endpoint: v.nullish(v.boolean()),
	same_workload_hash: v.nullish(v.boolean()),
	notes: v.nullish(v.array(v.string())),
});

/**
 * What the server itself reported during the measured round (its own metrics endpoint), in one
 * schema for all three frameworks; a field the framework does not export is null and `unavailable`
 * says why. The time series is in the round's raw file.
 */
export const ServerMetricsSchema = v.object({
	running_max: num,
	waiting_max: num,
	/** 0–1. */
	kv_cache_usage_max: num,
	preemptions: num,
	prefix_cache_hit_rate: num,
	source: str,
	samples: num,
	unavailable: v.nullish(v.record(v.string(), v.string())),
});

/** nvidia-smi during the measured round: utilisation, peak memory, power and energy per output token. */
export const GpuTelemetrySchema = v.object({
	utilization_mean_pct: num,
	memory_peak_mib: num,
	power_mean_w: num,
	temperature_max_c: num,
	sm_clock_mean_mhz: num,
	energy_per_output_token_j: num,
	window: v.nullish(v.picklist(['steady', 'round'])),
	samples: num,
});

/** What the candidate had cost when this row was written (its servers' launch → stop so far; docs/result-rows.md). */
export const RowCostSchema = v.object({gpu_seconds: v.number(), servers_launched: v.number(), wall_seconds: v.number()});

export const ResultRowSchema = v.object({
	run_id: str,
	framework: v.string(),
	framework_version: str,
	framework_commit: str,
	candidate_id: v.string(),
	model: str,
	status: RowStatusSchema,
	failure_reason: str,
	/** Only on skipped rows; rows written before it existed have none. */
	cause: v.optional(SkipCauseSchema),
	hardware: v.nullish(HardwareInfoSchema),
	/** Where the candidate ran ("local (GPUs 0,1)", a node) and its scheduler job (docs/placement.md); absent on older rows and on rows of candidates never placed. */
	where: v.optional(v.string()),
	job_id: v.optional(v.string()),
	workload: WorkloadInfoSchema,
	sla: v.nullish(SlaBlockSchema),
	metrics: v.nullish(MetricsSchema),
	/** Samples, intervals, steady window, search bracket (source/results/statistics-block.ts). */
	statistics: v.nullish(StatisticsSchema),
	/** The QPS-search rounds that led to this row: rate tried and whether it passed. */
	qps_rounds: v.nullish(
		v.array(
			v.object({
				request_rate: v.number(),
				passed: v.boolean(),
				request_throughput: num,
				p99_ttft_ms: num,
				p99_tpot_ms: num,
				p50_ttft_ms: num,
				p50_tpot_ms: num,
				output_token_throughput: num,
				offered_request_rate: num,
				reason: str,
				/** Stopped early: the queue grew while completions stopped rising (source/server-metrics/saturation.ts). */
				saturated: v.nullish(v.boolean()),
				prefix_cache_hit_rate: num,
				/** The prefix cache was flushed before this round (false: the framework offers no way, see `cache`). */
				cache_flushed: v.nullish(v.boolean()),
				/** pass / fail / undecided (absent on older rows: `passed` then decides). */
				verdict: v.nullish(v.picklist(['pass', 'fail', 'undecided'])),
				/** Requests behind the round's figures (all batches pooled). */
				samples: num,
				batches: num,
				/** Per-request records of the round (JSONL, run-directory relative). */
				records: v.nullish(v.array(v.string())),
			}),
		),
	),
	spec_decode: v.nullish(v.record(v.string(), v.unknown())),
	phase_metrics: v.nullish(v.record(v.string(), v.unknown())),
	cache: v.nullish(v.record(v.string(), v.unknown())),
	memory: v.nullish(v.record(v.string(), v.unknown())),
	normalization: v.nullish(NormalizationSchema),
	server_metrics: v.nullish(ServerMetricsSchema),
	gpu_telemetry: v.nullish(GpuTelemetrySchema),
	/** Config keys → values of the candidate (base merged with search). */
	flags: v.nullish(v.record(v.string(), v.unknown())),
	server_command: str,
	/** The command an operator would paste to deploy this candidate (no run-specific parts). */
	deploy_command: v.optional(str),
	/** What in server_command was specific to this run, and what the native benchmark command reproduces. */
	commands_note: v.optional(str),
	benchmark_command: str,
	validated_cli_flags: v.nullish(v.object({server: v.nullish(v.array(v.string())), benchmark: v.nullish(v.array(v.string()))})),
	artifacts: v.nullish(v.object({server_log: str, raw_result: str, server_help: str, benchmark_help: str})),
	cost: v.optional(RowCostSchema),
});
export type ResultRow = v.InferOutput<typeof ResultRowSchema>;

/**
 * The identity of a row: resume skips work whose key is already in results.jsonl. A `single` row
 * (one of `benchmark.request_rates`) also carries its rate, since one job measures several.
 */
export function rowKey(row: Pick<ResultRow, 'framework' | 'candidate_id' | 'workload'>): string {
	const w = row.workload;
	const mode = w.load_mode ?? 'steady';
	return [
		row.framework,
		row.candidate_id,
		w.scenario,
		w.max_concurrency ?? 'none',
		mode === 'single' ? `single@${String(w.request_rate ?? 'none')}` : mode,
	].join('|');
}
