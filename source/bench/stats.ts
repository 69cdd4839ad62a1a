/**
 * The native clients' aggregate helpers: numpy's default (linear) percentile, mean, population std.
 * Empty input gives null — a missing measurement, never 0 (unlike numpy's `np.mean(x or 0)`).
 */

/** numpy.percentile(values, p) with linear interpolation: rank = p/100·(n−1). `sorted` ascending. */
export function percentileSorted(sorted: readonly number[], p: number): number | null {
	const n = sorted.length;
	if (n === 0) return null;
	const rank = (p / 100) * (n - 1);
	const lo = Math.floor(rank);
	const hi = Math.ceil(rank);
	const a = sorted[lo]!;
	return a + (sorted[hi]! - a) * (rank - lo);
}

export function percentile(values: readonly number[], p: number): number | null {
	return percentileSorted(
		[...values].sort((a, b) => a - b),
		p,
	);
}

export function mean(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	let sum = 0;
	for (const value of values) sum += value;
	return sum / values.length;
}

/** Population standard deviation (numpy's ddof=0). */
export function std(values: readonly number[]): number | null {
	const m = mean(values);
	if (m === null) return null;
	let sum = 0;
	for (const value of values) sum += (value - m) ** 2;
	return Math.sqrt(sum / values.length);
}
