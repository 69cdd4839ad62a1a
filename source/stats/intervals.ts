import {chiSquareQuantile, logGamma, normalQuantile, tQuantile} from './distributions.js';

/**
 * Confidence intervals for the figures a verdict or a ranking decides on. Every interval carries
 * the number of samples behind it; a bound the data cannot give is null (never a made-up number).
 *
 * - Percentiles: distribution-free, from order statistics. The true p-quantile lies between the
 *   l-th and u-th smallest of n samples with a probability given by Binomial(n, p) alone, whatever
 *   the latency distribution (Conover, Practical Nonparametric Statistics, §3.2). With too few
 *   samples the upper rank would be beyond the maximum: the upper bound is then null ("too few
 *   samples for p99": from 32 samples even the slowest request is no 97.5 % bound on the p99).
 * - Rates (throughput, goodput): exact Poisson (Garwood) interval on the count in the window.
 * - Means: Student's t.
 * - Proportions (success rate): Wilson score.
 */

export type Interval = {
	/** Lower bound, null when the data give none. */
	readonly lower: number | null;
	/** Upper bound, null when the data give none (too few samples). */
	readonly upper: number | null;
	/** Samples behind the interval. */
	readonly samples: number;
	/** Two-sided confidence level, e.g. 0.95. */
	readonly confidence: number;
};

export type PercentileInterval = Interval & {
	/** 1-based ranks of the order statistics used; null where the bound does not exist. */
	readonly lowerRank: number | null;
	readonly upperRank: number | null;
	/** The upper bound would need a sample beyond the maximum. */
	readonly tooFew: boolean;
	/** Fewest samples for which this percentile has an upper bound at this confidence. */
	readonly samplesNeeded: number;
};

export const defaultConfidence = 0.95;

/** log of the Binomial(n, p) pmf at every k = 0…n, by the ratio recurrence (O(n)). */
function binomialCdfTable(n: number, p: number): Float64Array {
	const cdf = new Float64Array(n + 1);
	const logP = Math.log(p);
	const logQ = Math.log1p(-p);
	// Start from the mode and walk out: stable in log space for any n.
	const mode = Math.min(n, Math.max(0, Math.floor((n + 1) * p)));
	const logPmf = new Float64Array(n + 1);
	logPmf[mode] = logGamma(n + 1) - logGamma(mode + 1) - logGamma(n - mode + 1) + mode * logP + (n - mode) * logQ;
	for (let k = mode + 1; k <= n; k++) logPmf[k] = logPmf[k - 1]! + Math.log((n - k + 1) / k) + logP - logQ;
	for (let k = mode - 1; k >= 0; k--) logPmf[k] = logPmf[k + 1]! + Math.log((k + 1) / (n - k)) + logQ - logP;
	let sum = 0;
	for (let k = 0; k <= n; k++) {
		sum += Math.exp(logPmf[k]!);
		cdf[k] = Math.min(1, sum);
	}

	return cdf;
}

/** Order-statistic ranks (1-based) bracketing the p-quantile of n samples; null = no such rank. */
export function quantileRanks(n: number, p: number, confidence = defaultConfidence): {lowerRank: number | null; upperRank: number | null} {
	if (n <= 0) return {lowerRank: null, upperRank: null};
	const tail = (1 - confidence) / 2;
	if (p <= 0 || p >= 1) return {lowerRank: p <= 0 ? null : n, upperRank: p <= 0 ? 1 : null};
	const cdf = binomialCdfTable(n, p);
	// P(X(l) ≤ q) = P(Bin ≥ l) = 1 − F(l − 1) ≥ 1 − tail  ⇔  F(l − 1) ≤ tail: the largest such l.
	let lowerRank: number | null = null;
	for (let l = 1; l <= n && cdf[l - 1]! <= tail; l++) lowerRank = l;
	// P(X(u) ≥ q) = P(Bin ≤ u − 1) = F(u − 1) ≥ 1 − tail: the smallest such u.
	let upperRank: number | null = null;
	for (let u = Math.max(1, lowerRank ?? 1); u <= n; u++) {
		if (cdf[u - 1]! >= 1 - tail) {
			upperRank = u;
			break;
		}
	}

	return {lowerRank, upperRank};
}

/** Fewest samples whose maximum is a (1 − tail) upper bound on the p-quantile: pⁿ ≤ tail. */
export function samplesForUpperBound(p: number, confidence = defaultConfidence): number {
	const tail = (1 - confidence) / 2;
	return Math.ceil(Math.log(tail) / Math.log(p));
}

/** Interval for the `percent`-th percentile (0–100) of `sorted` (ascending). */
export function percentileInterval(sorted: readonly number[], percent: number, confidence = defaultConfidence): PercentileInterval {
	const n = sorted.length;
	const p = percent / 100;
	const {lowerRank, upperRank} = quantileRanks(n, p, confidence);
	return {
		lower: lowerRank === null ? null : sorted[lowerRank - 1]!,
		upper: upperRank === null ? null : sorted[upperRank - 1]!,
		samples: n,
		confidence,
		lowerRank,
		upperRank,
		tooFew: n > 0 && upperRank === null,
		samplesNeeded: samplesForUpperBound(p, confidence),
	};
}

/** Exact Poisson interval for a rate: `count` events in `seconds`. */
export function rateInterval(count: number, seconds: number, confidence = defaultConfidence): Interval {
	if (!(seconds > 0) || count < 0) return {lower: null, upper: null, samples: Math.max(0, count), confidence};
	const tail = (1 - confidence) / 2;
	const lower = count === 0 ? 0 : chiSquareQuantile(tail, 2 * count) / 2 / seconds;
	const upper = chiSquareQuantile(1 - tail, 2 * count + 2) / 2 / seconds;
	return {lower, upper, samples: count, confidence};
}

/** Student-t interval on the mean of `values`. */
export function meanInterval(values: readonly number[], confidence = defaultConfidence): Interval {
	const n = values.length;
	if (n < 2) return {lower: null, upper: null, samples: n, confidence};
	let sum = 0;
	for (const value of values) sum += value;
	const mean = sum / n;
	let squares = 0;
	for (const value of values) squares += (value - mean) ** 2;
	const half = tQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(squares / (n - 1) / n);
	return {lower: mean - half, upper: mean + half, samples: n, confidence};
}

/** Wilson score interval for a proportion `successes` / `trials`. */
export function proportionInterval(successes: number, trials: number, confidence = defaultConfidence): Interval {
	if (trials <= 0) return {lower: null, upper: null, samples: 0, confidence};
	const z = normalQuantile(1 - (1 - confidence) / 2);
	const p = successes / trials;
	const denominator = 1 + (z * z) / trials;
	const centre = (p + (z * z) / (2 * trials)) / denominator;
	const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denominator;
	return {lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), samples: trials, confidence};
}

/** Two intervals overlap (a missing bound is unbounded on that side): their figures are indistinguishable. */
export function overlaps(a: Pick<Interval, 'lower' | 'upper'>, b: Pick<Interval, 'lower' | 'upper'>): boolean {
	const aLow = a.lower ?? Number.NEGATIVE_INFINITY;
	const aHigh = a.upper ?? Number.POSITIVE_INFINITY;
	const bLow = b.lower ?? Number.NEGATIVE_INFINITY;
	const bHigh = b.upper ?? Number.POSITIVE_INFINITY;
	return aLow <= bHigh && bLow <= aHigh;
}
