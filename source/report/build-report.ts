import type {ResultRow} from '../results/result-row.js';
import {latestRows} from '../results/latest-rows.js';
import {caveatsFor} from './caveats.js';
import {compareEntries, explainOrder, rankRows, type RankedRow} from './rank.js';
import {distinguish} from './deciding-figure.js';
import {figureOf} from './tie-order.js';
import type {ReportContext} from './report-context.js';
import {slaKeysOf} from '../sla/grammar.js';
import type {ReportModel} from './report-model.js';
import {reportCost} from './run-cost.js';
import {compareFrameworks, firstSeen, winnerClass, winnersFromRanked, type Winner} from './winners.js';

/**
 * Everything a renderer needs, computed once: markdown, CSV, JSON, HTML and the Ink results view
 * all render this model, so they cannot disagree about winners or reasons.
 */

export type {NotSelected, ReportModel} from './report-model.js';

function reasonFor(entry: RankedRow, winners: readonly Winner[]): string {
	const {row, sla} = entry;
	if (row.status !== 'ok') return row.failure_reason ?? `${row.status} (no reason recorded)`;
	if (sla.outcome === 'undecided') return `SLA undecided: ${sla.undecidedReasons.join('; ')}`;
	if (!sla.passed) return `missed SLA: ${sla.failures.join('; ') || 'recorded as failing'}`;
	const winner = winners.find(w => w.framework === row.framework && w.scenario === row.workload.scenario);
	if (!winner) return 'passed SLA';
	const distinction = distinguish(figureOf(winner.entry), figureOf(entry));
	if (distinction.order === 0) {
		const rule = winner.evidence.note.includes('chosen by ') ? winner.evidence.note.replace(/^.*chosen by /, '') : explainOrder(winner.entry, entry);
		return `passed SLA; lost within noise to ${winner.candidateId} (${distinction.text}); the tie went to ${winner.candidateId} by ${rule}`;
	}

	return `passed SLA; outranked by ${winner.candidateId} (${distinction.text})`;
}

function isWinner(entry: RankedRow, winners: readonly Winner[]): boolean {
	return winners.some(winner => winner.entry === entry);
}

export function buildReport(rows: readonly ResultRow[], context: ReportContext = {}): ReportModel {
	const ranked = rankRows(latestRows(rows), context.sla ?? null);
	const winners = winnersFromRanked(ranked);
	const cls = winnerClass(ranked);
	const notSelected = ranked
		.filter(entry => !isWinner(entry, winners))
		.filter(entry => entry.loadClass === cls || entry.row.status !== 'ok')
		.map(entry => ({entry, reason: reasonFor(entry, winners)}));
	const burst = cls === 'burst' ? [] : ranked.filter(entry => entry.loadClass === 'burst');
	const burstOrdered = firstSeen(burst.map(entry => entry.row.workload.scenario)).flatMap(scenario =>
		burst.filter(entry => entry.row.workload.scenario === scenario).sort(compareEntries),
	);
	const sla =
		Object.keys(slaKeysOf(context.sla)).length > 0 ? slaKeysOf(context.sla) : (ranked.find(entry => Object.keys(entry.sla.keys).length > 0)?.sla.keys ?? {});
	const simulated = context.simulated === true || rows.some(row => row.hardware?.simulated === true);
	const scenarios = firstSeen([...(context.workload?.scenarios ?? []).map(s => s.name), ...rows.map(row => row.workload.scenario)]);
	const frameworks = firstSeen(rows.map(row => row.framework));
	const base = {
		context,
		simulated,
		model: context.model ?? rows.find(row => row.model)?.model ?? null,
		sla,
		scenarios,
		frameworks,
		ranked,
		winnerClass: cls,
		winners,
		comparisons: compareFrameworks(ranked, cls),
		burst: burstOrdered,
		notSelected,
	};
	return {...base, caveats: caveatsFor(base), cost: reportCost(rows, context)};
}
