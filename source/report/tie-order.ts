import type {ResultRow} from '../results/result-row.js';
import type {RowSlaVerdict} from '../sla/row-verdict.js';
import {overlaps} from '../stats/intervals.js';
import {decidingFigure, distinguish, type DecidingFigure, type Distinction} from './deciding-figure.js';

/**
 * Tie-aware ordering (issue 13). SPEC §8's order — status ok, SLA passed, higher throughput
 * (goodput when the SLA has one) — is applied with intervals: candidates whose deciding figure is
 * indistinguishable (see deciding-figure.ts) are tied, and a tie is broken by the seed's rules in
 * order: lower p99 TTFT, lower p99 TPOT (each only when their 95 % intervals are apart), fewer
 * GPUs, closer to the baseline (lower candidate index); the last resort is framework and id, named
 * as such. Output throughput, SPEC's second key, is used only for rows without intervals (imported
 * rows keep SPEC §8's point order): for one scenario it moves with request throughput and adds no
 * evidence of its own.
 *
 * Overlap is not transitive, so the order is built by picking the best of the rest, one at a time:
 * keep every candidate not distinguishably worse than the best point estimate, then narrow that
 * set criterion by criterion until one is left.
 */

export type Rankable = {
	readonly row: ResultRow;
	readonly sla: RowSlaVerdict;
	readonly throughputKey: 'request_throughput' | 'request_goodput';
};

export type Pick = {
	/** What chose this entry over the others still in play. */
	readonly decidedBy: 'status' | 'SLA' | 'deciding figure' | 'p99 TTFT' | 'p99 TPOT' | 'GPUs' | 'baseline' | 'order' | 'alone';
	/** Entries (not yet picked) whose deciding figure was indistinguishable from this one's. */
	readonly tiedWith: readonly Rankable[];
	/** One sentence: how the pick was made. */
	readonly text: string;
};

const slaTier = (entry: Rankable) => (entry.sla.outcome === 'pass' ? 0 : entry.sla.outcome === 'undecided' ? 1 : 2);
const statusTier = (entry: Rankable) => (entry.row.status === 'ok' ? 0 : 1);

/** The candidate index in `<framework>-<index>-…` (0 = the baseline); unknown sorts last. */
export function candidateIndex(candidateId: string): number {
	const match = /-(\d+)(?:-|$)/.exec(candidateId);
	return match ? Number(match[1]) : Number.POSITIVE_INFINITY;
}

type Latency = {value: number | null; lower: number | null; upper: number | null; samples: number | null};

function latencyOf(entry: Rankable, key: 'p99_ttft_ms' | 'p99_tpot_ms'): Latency {
	const value = entry.row.metrics?.[key];
	const interval = entry.row.statistics?.intervals[key];
	const finite = typeof value === 'number' && Number.isFinite(value) ? value : null;
	// Without an interval the point is its own interval (imported rows compare as points).
	return interval
		? {value: finite, lower: interval.lower ?? null, upper: interval.upper ?? null, samples: interval.samples}
		: {value: finite, lower: finite, upper: finite, samples: null};
}

const show = (value: number | null) => (value === null ? '…' : String(Number(value.toPrecision(4))));

/** Keeps the entries whose latency is not distinguishably above the lowest point estimate. */
function narrowLower(set: Rankable[], key: 'p99_ttft_ms' | 'p99_tpot_ms'): {kept: Rankable[]; text: string} {
	const measured = set.filter(entry => latencyOf(entry, key).value !== null);
	if (measured.length === 0) return {kept: set, text: ''};
	const best = measured.reduce((a, b) => (latencyOf(b, key).value! < latencyOf(a, key).value! ? b : a));
	const bestLatency = latencyOf(best, key);
	const kept = measured.filter(entry => overlaps(latencyOf(entry, key), bestLatency));
	const dropped = measured.filter(entry => !kept.includes(entry));
	const text =
		dropped.length > 0
			? `lower ${key === 'p99_ttft_ms' ? 'p99 TTFT' : 'p99 TPOT'}: ${show(bestLatency.value)} ms [${show(bestLatency.lower)}, ${show(bestLatency.upper)}] vs ${dropped.map(entry => `${show(latencyOf(entry, key).value)} [${show(latencyOf(entry, key).lower)}, ${show(latencyOf(entry, key).upper)}]`).join(', ')}`
			: '';
	return {kept, text};
}

function narrowMin(set: Rankable[], get: (entry: Rankable) => number | null | undefined): Rankable[] {
	const values = set.map(entry => get(entry) ?? Number.POSITIVE_INFINITY);
	const min = Math.min(...values);
	return set.filter((_, index) => values[index] === min);
}

export function figureOf(entry: Rankable): DecidingFigure {
	return decidingFigure(entry.row, entry.throughputKey);
}

/** The best of `entries` and how it was chosen. */
export function pickBest(entries: readonly Rankable[]): {best: Rankable; pick: Pick} {
	if (entries.length === 1) return {best: entries[0]!, pick: {decidedBy: 'alone', tiedWith: [], text: 'the only candidate'}};
	let set = [...entries];
	const status = Math.min(...set.map(statusTier));
	if (set.some(entry => statusTier(entry) !== status)) {
		set = set.filter(entry => statusTier(entry) === status);
		if (set.length === 1) return {best: set[0]!, pick: {decidedBy: 'status', tiedWith: [], text: 'the only one that finished'}};
	}

	const tier = Math.min(...set.map(slaTier));
	if (set.some(entry => slaTier(entry) !== tier)) {
		set = set.filter(entry => slaTier(entry) === tier);
		if (set.length === 1)
			return {
				best: set[0]!,
				pick: {decidedBy: 'SLA', tiedWith: [], text: tier === 0 ? 'the only one that passed the SLA' : 'the only one whose SLA verdict was not a fail'},
			};
	}

	// Deciding figure: the best point estimate, and everything indistinguishable from it.
	const top = set.reduce((a, b) => {
		const order = distinguish(figureOf(b), figureOf(a));
		const va = figureOf(a).value ?? Number.NEGATIVE_INFINITY;
		const vb = figureOf(b).value ?? Number.NEGATIVE_INFINITY;
		return order.order < 0 || (order.order === 0 && vb > va) ? b : a;
	});
	const verdicts = new Map<Rankable, Distinction>(set.map(entry => [entry, distinguish(figureOf(top), figureOf(entry))]));
	set = set.filter(entry => entry === top || verdicts.get(entry)!.order >= 0);
	if (set.length === 1) {
		const beaten = [...verdicts.entries()].filter(([entry]) => entry !== top).map(([, distinction]) => distinction.text);
		return {best: top, pick: {decidedBy: 'deciding figure', tiedWith: [], text: beaten[0] ?? 'higher deciding figure'}};
	}

	const contenders = [...set];
	const finish = (best: Rankable, decidedBy: Pick['decidedBy'], why: string): {best: Rankable; pick: Pick} => {
		const others = contenders.filter(entry => entry !== best);
		const evidence = distinguish(figureOf(best), figureOf(others[0]!)).text;
		return {
			best,
			pick: {
				decidedBy,
				tiedWith: others,
				text: `tied within noise on ${figureOf(best).label} with ${others.map(entry => entry.row.candidate_id).join(', ')} (${evidence}); chosen by ${why}`,
			},
		};
	};

	if (set.every(entry => !figureOf(entry).hasInterval)) {
		// Rows without intervals (imported from native clients) keep SPEC §8's point order exactly.
		set = narrowMin(set, entry => -(entry.row.metrics?.output_token_throughput ?? Number.NEGATIVE_INFINITY));
		if (set.length === 1) return finish(set[0]!, 'deciding figure', 'higher output token throughput (compared as points: no intervals)');
	}

	for (const key of ['p99_ttft_ms', 'p99_tpot_ms'] as const) {
		const {kept, text} = narrowLower(set, key);
		set = kept;
		if (set.length === 1) return finish(set[0]!, key === 'p99_ttft_ms' ? 'p99 TTFT' : 'p99 TPOT', text);
	}

	set = narrowMin(set, entry => entry.row.hardware?.gpu_count);
	if (set.length === 1) return finish(set[0]!, 'GPUs', 'fewer GPUs');
	set = narrowMin(set, entry => candidateIndex(entry.row.candidate_id));
	if (set.length === 1)
		return finish(set[0]!, 'baseline', `closer to the baseline (candidate ${String(candidateIndex(set[0]!.row.candidate_id)).padStart(2, '0')})`);
	const last = [...set].sort((a, b) => a.row.framework.localeCompare(b.row.framework) || a.row.candidate_id.localeCompare(b.row.candidate_id))[0]!;
	return finish(last, 'order', 'no rule separates them: framework and candidate id order');
}

/** Every entry, best first, each with how it was picked over the ones after it. */
export function orderWithTies<E extends Rankable>(entries: readonly E[]): Array<{entry: E; pick: Pick}> {
	const rest = [...entries];
	const out: Array<{entry: E; pick: Pick}> = [];
	while (rest.length > 0) {
		const {best, pick} = pickBest(rest);
		out.push({entry: best as E, pick});
		rest.splice(rest.indexOf(best as E), 1);
	}

	return out;
}
