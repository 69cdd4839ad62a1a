/**
 * docs/measurement.md QPS search: bisection on request rate within [lower, upper] until the interval is
 * within `tolerance` (relative to its upper end) or `maxRounds` (≤ 5) rounds ran. The reported
 * point is the highest rate that passed. Lower is tried first (cheap, and if it fails nothing
 * higher can pass), then upper (if it passes there is nothing to search).
 */

/**
 * `ceiling`: a failed round that saturated knows the rate the server sustained; no rate above it
 * can pass, so the search's upper end drops to it at once instead of halving toward it.
 */
export type RoundOutcome<M> = {readonly passed: boolean; readonly measurement: M; readonly ceiling?: number | null};
export type QpsRound<M> = {readonly round: number; readonly requestRate: number; readonly passed: boolean; readonly measurement: M};
export type QpsSearchResult<M> = {
	readonly rounds: ReadonlyArray<QpsRound<M>>;
	/** The highest passing round, or null when even `lower` failed (or nothing ran). */
	readonly best: QpsRound<M> | null;
	/** Stopped early (operator skip/abort or a failed server): the rounds so far are kept. */
	readonly interrupted: boolean;
};

export type QpsBounds = {readonly lower: number; readonly upper: number; readonly tolerance: number; readonly maxRounds: number};

const roundRate = (rate: number) => Math.round(rate * 1000) / 1000;

export async function searchQps<M>(
	bounds: QpsBounds,
	measure: (requestRate: number, round: number) => Promise<RoundOutcome<M> | null>,
): Promise<QpsSearchResult<M>> {
	const maxRounds = Math.max(1, Math.min(5, Math.floor(bounds.maxRounds)));
	const rounds: Array<QpsRound<M>> = [];
	let best: QpsRound<M> | null = null;
	let ceiling: number | null = null;
	const run = async (rate: number) => {
		const outcome = await measure(roundRate(rate), rounds.length + 1);
		if (!outcome) return null;
		if (!outcome.passed && outcome.ceiling !== undefined && outcome.ceiling !== null) ceiling = Math.min(ceiling ?? Number.POSITIVE_INFINITY, outcome.ceiling);
		const round = {round: rounds.length + 1, requestRate: roundRate(rate), passed: outcome.passed, measurement: outcome.measurement};
		rounds.push(round);
		if (round.passed && (!best || round.requestRate > best.requestRate)) best = round;
		return round;
	};

	const first = await run(bounds.lower);
	if (!first) return {rounds, best, interrupted: true};
	if (!first.passed || maxRounds === 1 || bounds.upper <= bounds.lower) return {rounds, best, interrupted: false};
	const top = await run(bounds.upper);
	if (!top) return {rounds, best, interrupted: true};
	if (top.passed) return {rounds, best, interrupted: false};
	let low = bounds.lower;
	let high = bounds.upper;
	const lowerToCeiling = () => {
		// The sustained rate itself may pass (saturation is about rates beyond it); keep it inside.
		if (ceiling !== null && ceiling * 1.05 < high) high = Math.max(low * 1.0001, ceiling * 1.05);
	};
	lowerToCeiling();
	while (rounds.length < maxRounds && (high - low) / high > bounds.tolerance) {
		const mid = (low + high) / 2;
		const round = await run(mid);
		if (!round) return {rounds, best, interrupted: true};
		if (round.passed) low = mid;
		else high = mid;
		lowerToCeiling();
	}

	return {rounds, best, interrupted: false};
}
