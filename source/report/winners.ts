import type {ResultRow} from '../results/result-row.js';
import type {LoadClass} from './load-class.js';
import {compareEntries, isWinnerEligible, rankRows, type RankedRow} from './rank.js';

/**
 * Winners per framework × scenario and the cross-framework ranking per scenario. Winners come from
 * steady-state rows; only when a report holds no steady rows at all (e.g. imported burst results)
 * do they come from burst rows, and the comparison says which.
 */

export type Winner = {
	readonly framework: string;
	readonly scenario: string;
	readonly candidateId: string;
	/** Position among the frameworks' winners for this scenario (1 = best deployment). */
	readonly rank: number;
	readonly entry: RankedRow;
};

export type ScenarioComparison = {
	readonly scenario: string;
	readonly loadClass: LoadClass;
	/** Each framework's best eligible row, ranked. */
	readonly ranked: ReadonlyArray<{readonly rank: number; readonly framework: string; readonly entry: RankedRow}>;
	/** Frameworks that ran this scenario without an SLA-passing candidate. */
	readonly without: ReadonlyArray<{readonly framework: string; readonly reason: string}>;
};

/** The load class winners are drawn from. */
export function winnerClass(ranked: readonly RankedRow[]): LoadClass {
	return ranked.some(entry => entry.loadClass === 'steady') || !ranked.some(entry => entry.loadClass === 'burst') ? 'steady' : 'burst';
}

export function firstSeen(values: Iterable<string>): string[] {
	return [...new Set(values)];
}

function whyNoWinner(entries: readonly RankedRow[]): string {
	const ok = entries.filter(entry => entry.row.status === 'ok');
	if (ok.length === 0) {
		const statuses = firstSeen(entries.map(entry => entry.row.status)).join('/');
		// Candidates, not rows: one candidate has a row per scenario × concurrency × load mode.
		const tried = new Set(entries.map(entry => entry.row.candidate_id)).size;
		return `no candidate finished (${tried} tried: ${statuses})`;
	}

	const best = ok[0]!;
	return `no candidate passed the SLA (${ok.length} finished; best ${best.row.candidate_id}: ${best.sla.failures.join('; ') || 'failed'})`;
}

/** Per scenario (first-seen order), each framework's best eligible row ranked across frameworks. */
export function compareFrameworks(ranked: readonly RankedRow[], loadClass: LoadClass = winnerClass(ranked)): ScenarioComparison[] {
	const inClass = ranked.filter(entry => entry.loadClass === loadClass);
	return firstSeen(inClass.map(entry => entry.row.workload.scenario)).map(scenario => {
		const rows = inClass.filter(entry => entry.row.workload.scenario === scenario);
		const best: RankedRow[] = [];
		const without: Array<{framework: string; reason: string}> = [];
		for (const framework of firstSeen(rows.map(entry => entry.row.framework))) {
			const entries = rows.filter(entry => entry.row.framework === framework).sort((a, b) => a.rank - b.rank);
			const top = entries.find(entry => isWinnerEligible(entry));
			if (top) best.push(top);
			else without.push({framework, reason: whyNoWinner(entries)});
		}

		const order = best.sort(compareEntries).map((entry, index) => ({rank: index + 1, framework: entry.row.framework, entry}));
		return {scenario, loadClass, ranked: order, without};
	});
}

/** Winners (ok and SLA-passing) from already-ranked rows. */
export function winnersFromRanked(ranked: readonly RankedRow[]): Winner[] {
	return compareFrameworks(ranked).flatMap(comparison =>
		comparison.ranked.map(({rank, framework, entry}) => ({
			framework,
			scenario: comparison.scenario,
			candidateId: entry.row.candidate_id,
			rank,
			entry,
		})),
	);
}

/** Winners per framework × scenario, each with its cross-framework rank in that scenario. */
export function pickWinners(rows: readonly ResultRow[], fallbackSla: Readonly<Record<string, unknown>> | null = null): Winner[] {
	return winnersFromRanked(rankRows(rows, fallbackSla));
}
