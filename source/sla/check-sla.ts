import type {Metrics} from '../results/result-row.js';
import {describeMetricKey, parseSlaKey, percentOf} from './grammar.js';
import {verdictOf, type SlaCheck, type SlaOutcome, type SlaVerdict} from './verdict.js';
import {samplesForUpperBound} from '../stats/intervals.js';

/**
 * The SLA check (SPEC §3 keys, §11 verdicts), used by the engine for every round and by the
 * report for every row. With intervals (rows the engine measured), a bound passes only when the
 * whole interval is on the right side, fails when the whole interval is on the wrong side, and is
 * undecided otherwise; without intervals (imported or old rows) the point figure decides, as the
 * native clients do. A metric that was not measured fails: an unmeasured point must never win.
 *
 * `min_success_rate` is judged on the observed share: every failed request is counted with its
 * reason, and an interval could never confirm 0.99 from the few hundred requests a round has.
 */

export type FigureInterval = {readonly lower?: number | null; readonly upper?: number | null; readonly samples: number};
export type IntervalsByMetric = Readonly<Record<string, FigureInterval | undefined>>;

const show = (value: number): string => (Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000));
const showBound = (value: number | null): string => (value === null ? '…' : show(value));

function metricValues(metrics: Partial<Metrics> | null | undefined): Readonly<Record<string, number | null | undefined>> {
	const values: Record<string, number | null | undefined> = {...(metrics ?? {})};
	if ((values.success_rate === null || values.success_rate === undefined) && typeof values.completed === 'number' && typeof values.failed === 'number') {
		const total = values.completed + values.failed;
		values.success_rate = total > 0 ? values.completed / total : null;
	}

	return values;
}

/** One key; `unknown` and `missing` keys are reported as fails with the reason. */
export function checkKey(
	key: string,
	bound: number,
	metrics: Partial<Metrics> | null | undefined,
	intervals: IntervalsByMetric = {},
): SlaCheck & {missing?: boolean; unknown?: boolean} {
	const parsed = parseSlaKey(key);
	if (!parsed) return {key, bound, outcome: 'fail', value: null, text: `unknown SLA key ${key}`, unknown: true};
	const value = metricValues(metrics)[parsed.metricKey];
	const name = parsed.kind === 'max' ? describeMetricKey(parsed.metricKey) : parsed.metricKey.replace('_', ' ');
	if (value === null || value === undefined || !Number.isFinite(value)) {
		return {key, bound, outcome: 'fail', value: null, text: `${parsed.metricKey} not measured`, missing: true};
	}

	const unit = parsed.kind === 'max' ? ' ms' : parsed.metricKey === 'request_goodput' ? ' req/s' : '';
	const higherIsBad = parsed.kind === 'max';
	const interval = parsed.metricKey === 'success_rate' ? undefined : intervals[parsed.metricKey];
	const pointBad = higherIsBad ? value > bound : value < bound;
	const relation = higherIsBad ? (pointBad ? '>' : '≤') : pointBad ? '<' : '≥';
	const base = `${parsed.metricKey} ${show(value)} ${relation} ${show(bound)}`;
	if (!interval) return {key, bound, outcome: pointBad ? 'fail' : 'pass', value, text: pointBad ? base : `${base}`};

	const lower = interval.lower ?? null;
	const upper = interval.upper ?? null;
	const {samples} = interval;
	const range = `95 % interval ${showBound(lower)}–${showBound(upper)}${unit}, ${samples} samples`;
	const common = {key, bound, value, lower, upper, samples};
	const wrongSide = higherIsBad ? lower !== null && lower > bound : upper !== null && upper < bound;
	const rightSide = higherIsBad ? upper !== null && upper <= bound : lower !== null && lower >= bound;
	let outcome: SlaOutcome;
	let text: string;
	if (wrongSide) {
		outcome = 'fail';
		text = `${base} (${range})`;
	} else if (rightSide) {
		outcome = 'pass';
		text = `${base} (${range})`;
	} else if (parsed.kind === 'max' && upper === null && percentOf(parsed.stat) !== null) {
		outcome = 'undecided';
		const percent = percentOf(parsed.stat)!;
		text = `too few samples for ${name}: ${samples} (an upper bound needs ≥ ${samplesForUpperBound(percent / 100)}); measured ${show(value)} vs ≤ ${show(bound)} ms`;
	} else {
		outcome = 'undecided';
		text = `${name} ${show(value)}${unit}: the ${range} straddles the bound ${show(bound)}${unit}`;
	}

	return {...common, outcome, text};
}

export function checkSla(sla: Readonly<Record<string, number>>, metrics: Partial<Metrics> | null | undefined, intervals: IntervalsByMetric = {}): SlaVerdict {
	return verdictOf(
		Object.entries(sla).map(([key, bound]) => {
			const {missing: _missing, unknown: _unknown, ...check} = checkKey(key, bound, metrics, intervals);
			return check;
		}),
	);
}
