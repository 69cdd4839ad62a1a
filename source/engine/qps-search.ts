import type {SlaOutcome} from '../sla/verdict.js';

/**
 * SPEC §6 QPS search: bisection on request rate within [lower, upper] until the bracket is within
 * `tolerance` (relative to its upper end) or `maxRounds` (≤ 5) rounds ran. The reported point is
 * the highest rate that passed. Lower is tried first (cheap, and if it fails nothing higher can
 * pass), then upper (if it passes there is nothing to search).
 *
 * SLA verdicts are pass / fail / undecided. An undecided round is near the boundary by definition
 * (an interval straddles a bound), so the search measures more there — `extend` adds a batch at the
 * same rate — while its budget of `extraBatches` lasts. A round still undecided counts as not
 * passed: the bracket only moves up on evidence. The final bracket and whether it converged are
 * part of the result, so a search that ran out of rounds can say so.
 */

/**
 * `ceiling`: a failed round that saturated knows the rate the server sustained; no rate above it
 * can pass, so the search's upper end drops to it at once instead of halving toward it.
 */
export type RoundOutcome<M> = {readonly passed: boolean | null; readonly outcome?: SlaOutcome; readonly measurement: M; readonly ceiling?: number | null};
export type QpsRound<M> = {
	readonly round: number;
	readonly requestRate: number;
	readonly passed: boolean;
	readonly outcome: SlaOutcome;
	readonly batches: number;
	readonly measurement: M;
};
export type QpsBracket = {
	/** Highest rate that passed (null: none did). */
	readonly passedRate: number | null;
	/** Lowest rate above it that failed or stayed undecided (null: nothing above failed). */
	readonly failedRate: number | null;
	/** Lowest rate above it whose verdict was a fail, not merely undecided (null: none). */
	readonly confidentFailRate: number | null;
	readonly converged: boolean;
	readonly extraBatches: number;
};
export type QpsSearchResult<M> = {
	readonly rounds: ReadonlyArray<QpsRound<M>>;
	/** The highest passing round, or null when even `lower` failed (or nothing ran). */
	readonly best: QpsRound<M> | null;
	/** Stopped early (operator skip/abort or a failed server): the rounds so far are kept. */
	readonly interrupted: boolean;
	readonly bracket: QpsBracket;
};

/** How to measure more at an undecided rate, and whether more batches could still decide it. */
export type MeasureMore<M> = {
	readonly extend: (requestRate: number, round: number, previous: M, batch: number) => Promise<RoundOutcome<M> | null>;
	/** False when even the whole remaining budget could not decide (e.g. a p99 needs 368 samples). */
	readonly worth?: (measurement: M, batchesLeft: number) => boolean;
};

export type QpsBounds = {
	readonly lower: number;
	readonly upper: number;
	readonly tolerance: number;
	readonly maxRounds: number;
	readonly extraBatches?: number;
};

const roundRate = (rate: number) => Math.round(rate * 1000) / 1000;

const outcomeOf = <M>(result: RoundOutcome<M>): SlaOutcome => result.outcome ?? (result.passed === null ? 'undecided' : result.passed ? 'pass' : 'fail');

export async function searchQps<M>(
	bounds: QpsBounds,
	measure: (requestRate: number, round: number) => Promise<RoundOutcome<M> | null>,
	more?: MeasureMore<M>,
	onRound?: (round: QpsRound<M>) => void,
): Promise<QpsSearchResult<M>> {
	const maxRounds = Math.max(1, Math.min(5, Math.floor(bounds.maxRounds)));
	let budget = more ? Math.max(0, Math.floor(bounds.extraBatches ?? 0)) : 0;
	let extraBatches = 0;
	const rounds: Array<QpsRound<M>> = [];
	let best: QpsRound<M> | null = null;
	let interrupted = false;
	let ceiling: number | null = null;
	const run = async (rate: number) => {
		const number = rounds.length + 1;
		const rounded = roundRate(rate);
		let outcome = await measure(rounded, number);
		if (!outcome) return null;
		let batches = 1;
		while (more && outcomeOf(outcome) === 'undecided' && budget > 0 && (more.worth?.(outcome.measurement, budget) ?? true)) {
			budget--;
			extraBatches++;
			const next = await more.extend(rounded, number, outcome.measurement, batches);
			if (!next) return null;
			outcome = next;
			batches++;
		}

		const verdict = outcomeOf(outcome);
		if (verdict !== 'pass' && outcome.ceiling !== undefined && outcome.ceiling !== null)
			ceiling = Math.min(ceiling ?? Number.POSITIVE_INFINITY, outcome.ceiling);
		const round = {round: number, requestRate: rounded, passed: verdict === 'pass', outcome: verdict, batches, measurement: outcome.measurement};
		rounds.push(round);
		onRound?.(round);
		if (round.passed && (!best || round.requestRate > best.requestRate)) best = round;
		return round;
	};

	let low = bounds.lower;
	let high = bounds.upper;
	const search = async (): Promise<void> => {
		const first = await run(bounds.lower);
		if (!first) {
			interrupted = true;
			return;
		}

		if (!first.passed || maxRounds === 1 || bounds.upper <= bounds.lower) return;
		const top = await run(bounds.upper);
		if (!top) {
			interrupted = true;
			return;
		}

		if (top.passed) return;
		const lowerToCeiling = () => {
			// The sustained rate itself may pass (saturation is about rates beyond it); keep it inside.
			if (ceiling !== null && ceiling * 1.05 < high) high = Math.max(low * 1.0001, ceiling * 1.05);
		};
		lowerToCeiling();
		while (rounds.length < maxRounds && (high - low) / high > bounds.tolerance) {
			const mid = (low + high) / 2;
			const round = await run(mid);
			if (!round) {
				interrupted = true;
				return;
			}

			if (round.passed) low = mid;
			else high = mid;
			lowerToCeiling();
		}
	};

	await search();
	const current = best as QpsRound<M> | null;
	const passedRate = current?.requestRate ?? null;
	const above = rounds.filter(round => !round.passed && (passedRate === null || round.requestRate > passedRate)).map(round => round.requestRate);
	const failedRate = above.length > 0 ? Math.min(...above) : null;
	const failing = rounds.filter(round => round.outcome === 'fail' && (passedRate === null || round.requestRate > passedRate)).map(round => round.requestRate);
	const confidentFailRate = failing.length > 0 ? Math.min(...failing) : null;
	// Converged: the bracket is within tolerance, or there is no bracket to narrow (passed at the
	// upper bound, or failed at the lower one).
	let converged: boolean;
	if (interrupted || rounds.length === 0) converged = false;
	else if (passedRate === null) converged = true;
	else if (failedRate === null) converged = passedRate >= roundRate(bounds.upper) || bounds.upper <= bounds.lower;
	else converged = (failedRate - passedRate) / failedRate <= bounds.tolerance;
	return {rounds, best: current, interrupted, bracket: {passedRate, failedRate, confidentFailRate, converged, extraBatches}};
}
