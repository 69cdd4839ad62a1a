import type {ResultRow} from '../results/result-row.js';
import type {LoadClass} from './load-class.js';
import {isWinnerEligible, rankRows, type RankedRow} from './rank.js';
import {distinguish, marginOf} from './deciding-figure.js';
import {figureOf, orderWithTies, type Pick} from './tie-order.js';

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
	readonly evidence: WinnerEvidence;
};

/** What a winner's claim rests on (SPEC §11 `tied_with`, `samples`, `ci`, `margin`). */
export type WinnerEvidence = {
	/** Candidates of the same framework whose deciding figure is indistinguishable from the winner's. */
	readonly tiedWith: readonly string[];
	/** Requests behind the deciding figure (completions in the steady window); null for imported rows. */
	readonly samples: number | null;
	readonly ci: {
		readonly figure: string;
		readonly label: string;
		readonly unit: string;
		readonly value: number | null;
		readonly lower: number | null;
		readonly upper: number | null;
		readonly confidence: number | null;
		readonly bracket: {
			readonly passedRate: number | null;
			readonly failedRate: number | null;
			readonly confidentFailRate: number | null;
			readonly converged: boolean;
		} | null;
	};
	/** Winner − runner-up on the deciding figure; null when no other candidate passed the SLA. */
	readonly margin: {
		readonly runnerUp: string;
		readonly value: number | null;
		readonly lower: number | null;
		readonly upper: number | null;
		readonly relative: number | null;
		readonly distinguishable: boolean;
		readonly by: string | null;
		readonly text: string;
	} | null;
	/** How the pick was made, in one sentence ("tied within noise … chosen by closer to the baseline"). */
	readonly note: string;
	readonly decidedBy: Pick['decidedBy'];
	/** Other frameworks' winners tied with this one in the cross-framework ranking of the scenario. */
	readonly crossTiedWith: readonly string[];
};

export type ScenarioComparison = {
	readonly scenario: string;
	readonly loadClass: LoadClass;
	/** Each framework's best eligible row, ranked. */
	readonly ranked: ReadonlyArray<{readonly rank: number; readonly framework: string; readonly entry: RankedRow; readonly pick: Pick}>;
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

		const order = orderWithTies(best).map(({entry, pick}, index) => ({rank: index + 1, framework: entry.row.framework, entry, pick}));
		return {scenario, loadClass, ranked: order, without};
	});
}

function evidenceFor(entry: RankedRow, ranked: readonly RankedRow[], peers: readonly RankedRow[]): WinnerEvidence {
	const group = ranked
		.filter(
			other =>
				other.loadClass === entry.loadClass &&
				other.row.workload.scenario === entry.row.workload.scenario &&
				other.row.framework === entry.row.framework &&
				other.row.workload.max_concurrency === entry.row.workload.max_concurrency,
		)
		.sort((a, b) => a.rank - b.rank);
	const runnerUp = group.find(other => other !== entry && other.rank > entry.rank && isWinnerEligible(other));
	const figure = figureOf(entry);
	let margin: WinnerEvidence['margin'] = null;
	if (runnerUp) {
		const other = figureOf(runnerUp);
		const distinction = distinguish(figure, other);
		margin = {
			runnerUp: runnerUp.row.candidate_id,
			...marginOf(figure, other),
			distinguishable: distinction.order !== 0,
			by: distinction.by,
			text: distinction.text,
		};
	}

	return {
		tiedWith: group
			.filter(other => other !== entry && isWinnerEligible(other) && distinguish(figure, figureOf(other)).order === 0)
			.map(other => other.row.candidate_id),
		samples: figure.samples,
		ci: {
			figure: figure.key,
			label: figure.label,
			unit: figure.unit,
			value: figure.value,
			lower: figure.lower,
			upper: figure.upper,
			confidence: figure.hasInterval ? (entry.row.statistics?.confidence ?? null) : null,
			bracket: figure.bracket,
		},
		margin,
		note: entry.pick.decidedBy === 'alone' ? 'the only candidate that passed the SLA' : entry.pick.text,
		decidedBy: entry.pick.decidedBy,
		crossTiedWith: peers.filter(other => other !== entry && distinguish(figure, figureOf(other)).order === 0).map(other => other.row.candidate_id),
	};
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
			evidence: evidenceFor(
				entry,
				ranked,
				comparison.ranked.map(item => item.entry),
			),
		})),
	);
}

/** Winners per framework × scenario, each with its cross-framework rank in that scenario. */
export function pickWinners(rows: readonly ResultRow[], fallbackSla: Readonly<Record<string, unknown>> | null = null): Winner[] {
	return winnersFromRanked(rankRows(rows, fallbackSla));
}
