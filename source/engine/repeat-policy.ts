import type {RankedRow} from '../report/rank.js';
import {isWinnerEligible} from '../report/rank.js';
import {distinguish, marginOf} from '../report/deciding-figure.js';
import {figureOf} from '../report/tie-order.js';
import {samplesForUpperBound} from '../stats/intervals.js';

/**
 * Which candidates to measure again after a framework's search (issue 13): only where a tie or an
 * undecided verdict would change the winner, and a bounded number of times each.
 *
 * - A winner chosen by a tie-break (its deciding figure indistinguishable from others') is repeated
 *   with a candidate it is tied with — but only when one more batch each could tell them apart:
 *   the interval of their difference narrows about as 1/√batches, so if the measured difference
 *   is inside even the narrowed half-width, a repeat would only confirm the tie, at a server launch
 *   per contender.
 * - A candidate whose SLA verdict is undecided, and whose deciding figure is not distinguishably
 *   below the winner's, would change the winner if it passed: it is repeated too — unless even the
 *   pooled samples could not bound the percentile it is undecided on (a p99 from 2 × 64 requests).
 *
 * Only steady rows from the QPS search qualify (they carry the rate and per-request records that a
 * repeat pools with). At most `maxContenders` per group (the winner and its closest challenger).
 */

export type RepeatPlan = {readonly candidateIds: readonly string[]; readonly why: string};

function repeatable(entry: RankedRow, done: ReadonlyMap<string, number>, maxRepeats: number): boolean {
	const stats = entry.row.statistics;
	return (
		entry.row.status === 'ok' &&
		entry.row.workload.load_mode === 'steady' &&
		typeof entry.row.workload.request_rate === 'number' &&
		(stats?.records?.length ?? 0) > 0 &&
		(done.get(entry.row.candidate_id) ?? stats?.repeats ?? 0) < maxRepeats
	);
}

/** Could one more batch of the same size give an undecided percentile an upper bound? */
function couldSettle(entry: RankedRow): boolean {
	const stats = entry.row.statistics;
	const perBatch = (stats?.samples.completed ?? 0) / Math.max(1, stats?.batches ?? 1);
	return entry.sla.checks.every(check => {
		if (check.outcome !== 'undecided' || check.upper !== null || !check.samples) return true;
		const percent = Number(/^max_p(\d+)_/.exec(check.key)?.[1] ?? Number.NaN);
		return !Number.isFinite(percent) || check.samples + perBatch >= samplesForUpperBound(percent / 100);
	});
}

/** Could one more batch for each of two tied candidates separate their deciding figures? */
export function couldSeparate(a: RankedRow, b: RankedRow): boolean {
	const fa = figureOf(a);
	const fb = figureOf(b);
	if (!fa.hasInterval || !fb.hasInterval) return false;
	const margin = marginOf(fa, fb);
	if (margin.value === null || margin.lower === null || margin.upper === null) return false;
	const batches = Math.min(a.row.statistics?.batches ?? 1, b.row.statistics?.batches ?? 1);
	const narrowed = ((margin.upper - margin.lower) / 2) * Math.sqrt(batches / (batches + 1));
	return Math.abs(margin.value) > narrowed;
}

/** `group`: one framework × scenario × max_concurrency, ranked (rank order). */
export function planRepeats(group: readonly RankedRow[], done: ReadonlyMap<string, number>, maxRepeats: number, maxContenders = 2): RepeatPlan | null {
	if (maxRepeats <= 0) return null;
	const ordered = [...group].sort((a, b) => a.rank - b.rank);
	const winner = ordered.find(entry => isWinnerEligible(entry));
	const picked: RankedRow[] = [];
	const reasons: string[] = [];
	if (winner && winner.pick.tiedWith.length > 0) {
		const tied = ordered.filter(
			entry => entry !== winner && isWinnerEligible(entry) && distinguish(figureOf(winner), figureOf(entry)).order === 0 && couldSeparate(winner, entry),
		);
		if (tied.length > 0) {
			picked.push(winner, ...tied);
			reasons.push(
				`${winner.row.candidate_id} won a tie-break (${winner.pick.decidedBy}) against ${tied.map(entry => entry.row.candidate_id).join(', ')}, close enough to separate with more samples`,
			);
		}
	}

	for (const entry of ordered) {
		if (entry.sla.outcome !== 'undecided' || entry.row.status !== 'ok' || picked.includes(entry)) continue;
		if (winner && distinguish(figureOf(winner), figureOf(entry)).order < 0) continue;
		if (!couldSettle(entry)) continue;
		picked.push(entry);
		if (winner && !picked.includes(winner)) picked.unshift(winner);
		reasons.push(
			`${entry.row.candidate_id} is undecided at ${String(entry.row.workload.request_rate)} req/s and would ${winner ? 'challenge' : 'become'} the winner if it passed`,
		);
	}

	const ids = [...new Set(picked.filter(entry => repeatable(entry, done, maxRepeats)).map(entry => entry.row.candidate_id))].slice(0, maxContenders);
	// A tie needs at least two contenders to separate; an undecided one can be repeated alone.
	if (ids.length === 0 || (ids.length === 1 && !picked.some(entry => entry.sla.outcome === 'undecided' && ids.includes(entry.row.candidate_id)))) return null;
	return {candidateIds: ids, why: reasons.join('; ')};
}
