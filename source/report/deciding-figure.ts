import type {ResultRow} from '../results/result-row.js';
import {overlaps} from '../stats/intervals.js';

/**
 * The figure a ranking decides on, with its interval (issue 13, SPEC §11). For a row the engine
 * measured: throughput (or goodput, when the SLA names `min_request_goodput`) over the steady
 * window, its 95 % Poisson interval, and — for a QPS-search row — the search's bracket: the
 * highest rate that passed the SLA and the lowest that did not. Imported rows carry no interval:
 * their point figure decides, as the native clients' would, and they never tie by default.
 */

export type DecidingFigure = {
	readonly key: string;
	readonly label: string;
	readonly unit: string;
	readonly value: number | null;
	readonly lower: number | null;
	readonly upper: number | null;
	/** Requests behind the figure (completions in the steady window), null when unknown. */
	readonly samples: number | null;
	readonly requests: number | null;
	readonly hasInterval: boolean;
	readonly bracket: {
		readonly passedRate: number | null;
		readonly failedRate: number | null;
		readonly confidentFailRate: number | null;
		readonly converged: boolean;
	} | null;
};

const finite = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function decidingFigure(row: ResultRow, throughputKey: 'request_throughput' | 'request_goodput'): DecidingFigure {
	const stats = row.statistics;
	const goodput = throughputKey === 'request_goodput';
	const label = goodput ? 'goodput' : 'request throughput';
	const steadyKey = goodput ? 'steady_request_goodput' : 'steady_request_throughput';
	const steadyValue = finite(goodput ? stats?.steady_window?.request_goodput : stats?.steady_window?.request_throughput);
	const interval = stats?.intervals[steadyKey];
	const bracket = stats?.qps_bracket
		? {
				passedRate: finite(stats.qps_bracket.passed_rate),
				failedRate: finite(stats.qps_bracket.failed_rate),
				// null means no round above the pass failed outright (only undecided ones): nothing to rely on.
				// Only rows written before the field existed (undefined) fall back to the failed rate.
				confidentFailRate: finite(stats.qps_bracket.confident_fail_rate === undefined ? stats.qps_bracket.failed_rate : stats.qps_bracket.confident_fail_rate),
				converged: stats.qps_bracket.converged,
			}
		: null;
	if (stats && steadyValue !== null && interval) {
		return {
			key: steadyKey,
			label: `${label} (steady window)`,
			unit: 'req/s',
			value: steadyValue,
			lower: interval.lower ?? null,
			upper: interval.upper ?? null,
			samples: interval.samples,
			requests: stats.samples.requests ?? null,
			hasInterval: true,
			bracket,
		};
	}

	return {
		key: throughputKey,
		label,
		unit: 'req/s',
		value: finite(row.metrics?.[throughputKey]),
		lower: null,
		upper: null,
		samples: null,
		requests: finite(row.metrics?.completed),
		hasInterval: false,
		bracket,
	};
}

export type Distinction = {
	/** Negative: a is better; positive: b is better; 0: indistinguishable. */
	readonly order: number;
	/** What told them apart (or null for a tie). */
	readonly by: 'bracket' | 'interval' | 'point' | null;
	readonly text: string;
};

const show = (value: number | null) => (value === null ? '…' : String(Number(value.toPrecision(4))));

/**
 * Higher is better. Two figures are told apart when one candidate passed the SLA at a rate the
 * other failed at (the search's brackets do not overlap), or when their intervals do not overlap;
 * figures without intervals are compared as points. Otherwise they are tied.
 */
export function distinguish(a: DecidingFigure, b: DecidingFigure): Distinction {
	if (a.value === null || b.value === null) {
		if (a.value === null && b.value === null) return {order: 0, by: null, text: 'neither measured'};
		return {order: a.value === null ? 1 : -1, by: 'point', text: 'the other was not measured'};
	}

	if (a.bracket && b.bracket) {
		// Only a confident fail counts: an undecided round may yet pass.
		if (a.bracket.passedRate !== null && b.bracket.confidentFailRate !== null && a.bracket.passedRate >= b.bracket.confidentFailRate) {
			return {
				order: -1,
				by: 'bracket',
				text: `passed the SLA at ${show(a.bracket.passedRate)} req/s, where the other failed at ${show(b.bracket.confidentFailRate)}`,
			};
		}

		if (b.bracket.passedRate !== null && a.bracket.confidentFailRate !== null && b.bracket.passedRate >= a.bracket.confidentFailRate) {
			return {
				order: 1,
				by: 'bracket',
				text: `passed the SLA at ${show(b.bracket.passedRate)} req/s, where the other failed at ${show(a.bracket.confidentFailRate)}`,
			};
		}
	}

	if (a.hasInterval && b.hasInterval) {
		if (!overlaps(a, b)) {
			return {
				order: a.value > b.value ? -1 : 1,
				by: 'interval',
				text: `${a.label} ${show(a.value)} [${show(a.lower)}, ${show(a.upper)}] vs ${show(b.value)} [${show(b.lower)}, ${show(b.upper)}] ${a.unit}: the 95 % intervals do not overlap`,
			};
		}

		return {
			order: 0,
			by: null,
			text: `${a.label} ${show(a.value)} [${show(a.lower)}, ${show(a.upper)}] vs ${show(b.value)} [${show(b.lower)}, ${show(b.upper)}] ${a.unit}: the 95 % intervals overlap`,
		};
	}

	if (a.value === b.value) return {order: 0, by: null, text: `${a.label} equal: ${show(a.value)} ${a.unit}`};
	return {order: a.value > b.value ? -1 : 1, by: 'point', text: `${a.label} ${show(a.value)} vs ${show(b.value)} ${a.unit} (no intervals: compared as points)`};
}

/** winner − runner-up, with the interval of the difference (null bounds: unbounded). */
export function marginOf(
	winner: DecidingFigure,
	runnerUp: DecidingFigure,
): {value: number | null; lower: number | null; upper: number | null; relative: number | null} {
	if (winner.value === null || runnerUp.value === null) return {value: null, lower: null, upper: null, relative: null};
	const value = winner.value - runnerUp.value;
	const lower = winner.lower !== null && runnerUp.upper !== null ? winner.lower - runnerUp.upper : null;
	const upper = winner.upper !== null && runnerUp.lower !== null ? winner.upper - runnerUp.lower : null;
	return {
		value,
		lower: winner.hasInterval && runnerUp.hasInterval ? lower : value,
		upper: winner.hasInterval && runnerUp.hasInterval ? upper : value,
		relative: runnerUp.value !== 0 ? value / runnerUp.value : null,
	};
}
