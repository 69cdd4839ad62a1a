import type {ResultRow} from '../results/result-row.js';
import {loadClassOf, type LoadClass} from './load-class.js';
import {orderWithTies, type Pick as TiePick} from './tie-order.js';
import {rowSlaVerdict, type RowSlaVerdict} from '../sla/row-verdict.js';

/**
 * Ranking. Groups are ordered tie-aware (tie-order.ts: SPEC §8's keys compared with intervals, ties
 * broken by the seed's rules). `compareEntries` is SPEC §8's plain point order, still used where no
 * decision rests on it (the burst table's display order). SPEC §8: status ok → SLA passed → higher request throughput (goodput when the
 * SLA names `min_request_goodput`) → higher output token throughput → lower p99 TTFT → lower p99
 * TPOT → fewer GPUs. A missing value ranks last. Candidate id breaks any remaining tie so the order
 * is the same on every machine.
 */

export type RankedRow = {
	readonly row: ResultRow;
	readonly sla: RowSlaVerdict;
	readonly loadClass: LoadClass;
	/** 'request_goodput' when the SLA names min_request_goodput, else 'request_throughput'. */
	readonly throughputKey: 'request_throughput' | 'request_goodput';
	/** 1-based position among rows of the same framework × scenario × load class. */
	readonly rank: number;
	/** How this row was picked over the ones ranked after it (ties, tie-break rule). */
	readonly pick: TiePick;
};

type Unranked = Omit<RankedRow, 'rank' | 'pick'>;

/** Rows with these keys are comparable; each group is ranked on its own. */
export function groupKey(entry: Pick<RankedRow, 'row' | 'loadClass'>, withFramework = true): string {
	const parts = [entry.loadClass, entry.row.workload.scenario];
	return (withFramework ? [...parts, entry.row.framework] : parts).join('\u0000');
}

function value(number: number | null | undefined): number | null {
	return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

/** Orders two values, missing last; `higher` = bigger is better. */
function byValue(a: number | null | undefined, b: number | null | undefined, higher: boolean): number {
	const x = value(a);
	const y = value(b);
	if (x === null && y === null) return 0;
	if (x === null) return 1;
	if (y === null) return -1;
	return higher ? y - x : x - y;
}

export function compareEntries(a: Unranked, b: Unranked): number {
	const okA = a.row.status === 'ok' ? 0 : 1;
	const okB = b.row.status === 'ok' ? 0 : 1;
	if (okA !== okB) return okA - okB;
	const passA = a.sla.passed ? 0 : 1;
	const passB = b.sla.passed ? 0 : 1;
	if (passA !== passB) return passA - passB;
	const ma = a.row.metrics ?? {};
	const mb = b.row.metrics ?? {};
	return (
		byValue(ma[a.throughputKey], mb[b.throughputKey], true) ||
		byValue(ma.output_token_throughput, mb.output_token_throughput, true) ||
		byValue(ma.p99_ttft_ms, mb.p99_ttft_ms, false) ||
		byValue(ma.p99_tpot_ms, mb.p99_tpot_ms, false) ||
		byValue(a.row.hardware?.gpu_count, b.row.hardware?.gpu_count, false) ||
		a.row.framework.localeCompare(b.row.framework) ||
		a.row.candidate_id.localeCompare(b.row.candidate_id)
	);
}

export function describeRow(row: ResultRow, fallbackSla: Readonly<Record<string, unknown>> | null = null): Unranked {
	const sla = rowSlaVerdict(row, fallbackSla);
	const throughputKey = 'min_request_goodput' in sla.keys ? 'request_goodput' : 'request_throughput';
	return {row, sla, loadClass: loadClassOf(row), throughputKey};
}

/**
 * Every row, sorted best-first within its load class × scenario × framework group (groups in a
 * stable order: steady, burst, smoke; scenarios and frameworks as first seen).
 */
export function rankRows(rows: readonly ResultRow[], fallbackSla: Readonly<Record<string, unknown>> | null = null): RankedRow[] {
	const groups = new Map<string, Unranked[]>();
	const classOrder: LoadClass[] = ['steady', 'burst', 'smoke'];
	for (const row of rows) {
		const entry = describeRow(row, fallbackSla);
		const key = groupKey(entry);
		groups.set(key, [...(groups.get(key) ?? []), entry]);
	}

	const ordered = [...groups.values()].sort((a, b) => classOrder.indexOf(a[0]!.loadClass) - classOrder.indexOf(b[0]!.loadClass));
	return ordered.flatMap(group => orderWithTies(group).map(({entry, pick}, index) => ({...entry, rank: index + 1, pick})));
}

/** A candidate may be deployed only when it finished and passed the SLA. */
export function isWinnerEligible(entry: Pick<RankedRow, 'row' | 'sla'>): boolean {
	return entry.row.status === 'ok' && entry.sla.passed === true;
}

const criteria: ReadonlyArray<{label: string; unit: string; higher: boolean; get: (entry: Unranked) => number | null | undefined}> = [
	{label: 'higher request throughput', unit: 'req/s', higher: true, get: entry => entry.row.metrics?.[entry.throughputKey]},
	{label: 'higher output throughput', unit: 'tok/s', higher: true, get: entry => entry.row.metrics?.output_token_throughput},
	{label: 'lower p99 TTFT', unit: 'ms', higher: false, get: entry => entry.row.metrics?.p99_ttft_ms},
	{label: 'lower p99 TPOT', unit: 'ms', higher: false, get: entry => entry.row.metrics?.p99_tpot_ms},
	{label: 'fewer GPUs', unit: 'GPUs', higher: false, get: entry => entry.row.hardware?.gpu_count},
];

/** Why `better` ranks above `worse`, in words a reader can check ("lower p99 TTFT: 928 vs 1224 ms"). */
export function explainOrder(better: Unranked, worse: Unranked): string {
	if (better.row.status === 'ok' && worse.row.status !== 'ok') return `finished (other: ${worse.row.status})`;
	if (better.sla.passed && !worse.sla.passed) return 'passed the SLA';
	for (const criterion of criteria) {
		if (byValue(criterion.get(better), criterion.get(worse), criterion.higher) !== 0) {
			const show = (value: number | null | undefined) => (typeof value === 'number' ? String(Number(value.toPrecision(4))) : 'missing');
			const label = criterion.label === 'higher request throughput' && better.throughputKey === 'request_goodput' ? 'higher goodput' : criterion.label;
			return `${label}: ${show(criterion.get(better))} vs ${show(criterion.get(worse))} ${criterion.unit}`;
		}
	}

	return 'tie on every criterion; ordered by candidate id';
}
