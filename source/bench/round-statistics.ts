import type {GoodputSla, RequestRecord} from './bench-types.js';
import {meetsGoodput, tpotMs} from './metrics.js';
import {defaultConfidence, meanInterval, percentileInterval, rateInterval, type Interval} from '../stats/intervals.js';

/**
 * The statistics behind one measured point (one or more batches of requests at one rate): the
 * samples behind each latency figure with its 95 % interval, and throughput over the steady
 * window with its interval. Pure: same records, same statistics.
 *
 * Steady window: the span between the completions of the first and last 10 % of the successful
 * requests (by completion time), per batch. Ramp-up (no completions while the first requests are
 * in flight) and drain (stragglers after the last arrival) fall outside it, so a 32-request round
 * at 16 req/s is not reported as ~10 req/s because the last requests took a second to finish.
 *
 * A window is only steady if completions keep pace with arrivals. A short round on a server that
 * runs every new prompt's prefill before any decode (SGLang's default) completes almost nothing
 * while requests arrive and then everything at once: the middle 80 % of completions fall in a
 * fraction of a second and their rate can read twice the offered rate — a throughput no server
 * sustains. When a batch's window rate exceeds the arrival rate over the same ranks by more than
 * `bunchedFactor`, that batch had no steady state: its whole measured duration is used instead
 * (diluted, never overstated) and the window says how many batches that was.
 *
 * ITL intervals pool every chunk gap; gaps within one request are correlated, so those intervals
 * are narrower than the truth. The SLA verdicts that matter most (TTFT, TPOT, E2E) use one sample
 * per request.
 */

export const steadyWindowRule = 'between the completions of the first and last 10 % of successful requests';
const trim = 0.1;
/** Below this many completions a batch's window is its whole measured duration. */
const minWindowCompletions = 5;
/**
 * Completion rate ÷ arrival rate (same ranks) above which a window is bunched, not steady. Above 1
 * only from bunching or from Poisson clumping between the two rank spans; 1.25 leaves the clumping
 * of a 32-request batch (its spans' relative error is ~20 %) on the steady side.
 */
export const bunchedFactor = 1.25;

export type BatchRecords = {readonly records: readonly RequestRecord[]; readonly durationS: number};

export type RoundStatisticsOptions = {
	readonly goodput: GoodputSla | null;
	readonly targetRate: number | null;
	readonly offeredRate: number | null;
	readonly warmupRequests: number;
	readonly confidence?: number;
};

type Bound = {lower: number | null; upper: number | null; samples: number};

export type RoundStatistics = {
	confidence: number;
	intervals: Record<string, Bound>;
	samples: Record<string, number>;
	warmup_requests: number;
	steady_window: {
		rule: string;
		start_s: number | null;
		end_s: number | null;
		completions: number;
		request_throughput: number | null;
		request_goodput: number | null;
		/** Batches whose completions bunched (no steady state): counted over their whole duration. */
		unsteady_batches: number;
	};
	target_request_rate: number | null;
	offered_request_rate: number | null;
	achieved_ratio: number | null;
	batches: number;
};

const bound = (interval: Interval): Bound => ({lower: interval.lower, upper: interval.upper, samples: interval.samples});

type Window = {
	completions: number;
	seconds: number;
	good: number;
	sent: number;
	sentSeconds: number;
	startS: number | null;
	endS: number | null;
	unsteady: boolean;
};

function windowOf(batch: BatchRecords, goodput: GoodputSla | null): Window {
	const done = batch.records
		.filter(record => record.success && record.e2eMs !== null)
		.map(record => ({at: record.sentMs + record.e2eMs!, good: goodput ? meetsGoodput(record, goodput) : false}))
		.sort((a, b) => a.at - b.at);
	const n = done.length;
	// The batch's whole measured duration, as the native clients count it (no window cut).
	const whole = (sent: number, sentSeconds: number, unsteady: boolean): Window => ({
		completions: n,
		seconds: batch.durationS,
		good: done.filter(item => item.good).length,
		sent,
		sentSeconds,
		startS: null,
		endS: null,
		unsteady,
	});
	if (n < minWindowCompletions) return whole(0, 0, false);

	const lo = Math.max(1, Math.ceil(trim * n));
	const hi = Math.max(lo + 1, Math.floor((1 - trim) * n));
	const start = done[lo - 1]!.at;
	const end = done[hi - 1]!.at;
	// Completions after the lo-th up to the hi-th: hi − lo of them in (start, end].
	const good = done.slice(lo, hi).filter(item => item.good).length;
	// The offered rate, trimmed the same way: sends between the same ranks of the send times.
	const sends = batch.records.map(record => record.sentMs).sort((a, b) => a - b);
	const sentSeconds = (sends[hi - 1]! - sends[lo - 1]!) / 1000;
	const seconds = (end - start) / 1000;
	// Same count over both spans: the completion rate exceeds the arrival rate by the factor exactly
	// when the completions' span is that much shorter than the sends'.
	const bunched = sentSeconds > 0 && batch.durationS > 0 && seconds * bunchedFactor < sentSeconds;
	// No steady state in this batch: diluted by ramp-up and drain, but never above what was offered.
	if (bunched) return whole(hi - lo, sentSeconds, true);
	return {completions: hi - lo, seconds, good, sent: hi - lo, sentSeconds, startS: start / 1000, endS: end / 1000, unsteady: false};
}

function latencyIntervals(name: string, values: number[], confidence: number, into: Record<string, Bound>): void {
	values.sort((a, b) => a - b);
	into[`mean_${name}_ms`] = bound(meanInterval(values, confidence));
	for (const percent of [50, 90, 95, 99]) into[`p${percent}_${name}_ms`] = bound(percentileInterval(values, percent, confidence));
}

export function roundStatistics(batches: readonly BatchRecords[], options: RoundStatisticsOptions): RoundStatistics {
	const confidence = options.confidence ?? defaultConfidence;
	const records = batches.flatMap(batch => batch.records);
	const ok = records.filter(record => record.success);
	const ttft: number[] = [];
	const tpot: number[] = [];
	const itl: number[] = [];
	const e2e: number[] = [];
	for (const record of ok) {
		if (record.ttftMs !== null) ttft.push(record.ttftMs);
		if (record.e2eMs !== null) e2e.push(record.e2eMs);
		const value = tpotMs(record);
		if (value !== null) tpot.push(value);
		for (const gap of record.itlMs) itl.push(gap);
	}

	const intervals: Record<string, Bound> = {};
	latencyIntervals('ttft', ttft, confidence, intervals);
	latencyIntervals('tpot', tpot, confidence, intervals);
	latencyIntervals('itl', itl, confidence, intervals);
	latencyIntervals('e2e', e2e, confidence, intervals);

	const goodput = options.goodput && Object.keys(options.goodput).length > 0 ? options.goodput : null;
	const totalS = batches.reduce((sum, batch) => sum + batch.durationS, 0);
	const good = goodput ? ok.filter(record => meetsGoodput(record, goodput)).length : 0;
	// The row's own figures (over the whole measured duration, as the native clients report them).
	intervals.request_throughput = bound(rateInterval(ok.length, totalS, confidence));
	if (goodput) intervals.request_goodput = bound(rateInterval(good, totalS, confidence));

	const windows = batches.map(batch => windowOf(batch, goodput));
	const completions = windows.reduce((sum, w) => sum + w.completions, 0);
	const seconds = windows.reduce((sum, w) => sum + w.seconds, 0);
	const goodInWindow = windows.reduce((sum, w) => sum + w.good, 0);
	const steadyThroughput = seconds > 0 ? completions / seconds : null;
	const steadyGoodput = goodput && seconds > 0 ? goodInWindow / seconds : null;
	intervals.steady_request_throughput = bound(rateInterval(completions, seconds, confidence));
	if (goodput) intervals.steady_request_goodput = bound(rateInterval(goodInWindow, seconds, confidence));

	const unsteady = windows.filter(w => w.unsteady).length;
	const sent = windows.reduce((sum, w) => sum + w.sent, 0);
	const sentSeconds = windows.reduce((sum, w) => sum + w.sentSeconds, 0);
	const offeredMiddle = sent > 0 && sentSeconds > 0 ? sent / sentSeconds : null;
	return {
		confidence,
		intervals,
		samples: {
			requests: records.length,
			completed: ok.length,
			ttft: ttft.length,
			tpot: tpot.length,
			itl: itl.length,
			e2e: e2e.length,
			...(goodput ? {good} : {}),
		},
		warmup_requests: options.warmupRequests,
		steady_window: {
			rule: windowRule(batches.length, unsteady),
			start_s: batches.length === 1 ? windows[0]!.startS : null,
			end_s: batches.length === 1 ? windows[0]!.endS : null,
			completions,
			request_throughput: steadyThroughput,
			request_goodput: steadyGoodput,
			unsteady_batches: unsteady,
		},
		target_request_rate: options.targetRate,
		offered_request_rate: options.offeredRate,
		// Steady completion rate ÷ the arrival rate over the middle 80 % of sends: below 1 when the
		// server fell behind. Trimming both alike keeps Poisson clumping of one seed's arrivals out.
		achieved_ratio: offeredMiddle && steadyThroughput !== null ? steadyThroughput / offeredMiddle : null,
		batches: batches.length,
	};
}

function windowRule(batches: number, unsteady: number): string {
	const base = batches > 1 ? `${steadyWindowRule}, per batch (${batches} batches pooled)` : steadyWindowRule;
	if (unsteady === 0) return base;
	const which = batches > 1 ? `${unsteady} of ${batches} batches` : 'the batch';
	return `${base}; ${which} reached no steady state (completions bunched after the arrivals, faster than ${bunchedFactor}× the arrival rate): counted over the whole measured duration`;
}
