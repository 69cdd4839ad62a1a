import * as v from 'valibot';

/**
 * A row's `statistics` block (optional; engine-measured rows carry it, imported rows do not): the
 * samples behind each figure, 95 % intervals, how the steady window was cut, warm-up, offered vs
 * achieved rate, the QPS search's final bracket and where the per-request records are.
 */

const num = v.nullish(v.number());

export const FigureIntervalSchema = v.object({lower: num, upper: num, samples: v.number()});

export const SteadyWindowSchema = v.object({
	/** How the window was cut, in words (the report quotes it). */
	rule: v.string(),
	start_s: num,
	end_s: num,
	/** Completions counted inside the window. */
	completions: num,
	request_throughput: num,
	request_goodput: num,
	/** Batches with no steady state (completions bunched after the arrivals): counted whole. */
	unsteady_batches: num,
});

export const QpsBracketSchema = v.object({
	/** Highest rate that passed the SLA (null: none). */
	passed_rate: num,
	/** Lowest rate above it that failed or stayed undecided (null: the search passed its upper bound). */
	failed_rate: num,
	/** Lowest rate above it whose verdict was a fail (not undecided): what a comparison may rely on. */
	confident_fail_rate: num,
	/** (failed − passed) / failed within the plan's tolerance. */
	converged: v.boolean(),
	tolerance: num,
	/** Extra batches measured at undecided rates. */
	extra_batches: num,
});

export const StatisticsSchema = v.object({
	confidence: v.number(),
	/** Metric key (p99_ttft_ms, steady_request_throughput, …) → its interval and sample count. */
	intervals: v.record(v.string(), FigureIntervalSchema),
	/** Samples behind each latency metric and the request counts: {ttft, tpot, itl, e2e, requests}. */
	samples: v.record(v.string(), v.number()),
	warmup_requests: num,
	steady_window: v.nullish(SteadyWindowSchema),
	/** Target rate the client scheduled, the rate it offered and the share of it achieved. */
	target_request_rate: num,
	offered_request_rate: num,
	achieved_ratio: num,
	/** Measurement batches pooled into these figures (more than 1 after an undecided round). */
	batches: num,
	qps_bracket: v.nullish(QpsBracketSchema),
	/** Per-request JSONL files (run-directory relative), one per batch of the deciding round. */
	records: v.nullish(v.array(v.string())),
	/** Repeats of this candidate run to separate it from a tied contender. */
	repeats: num,
});
export type Statistics = v.InferOutput<typeof StatisticsSchema>;
export type FigureInterval = v.InferOutput<typeof FigureIntervalSchema>;
