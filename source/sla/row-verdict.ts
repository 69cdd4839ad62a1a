import type {ResultRow} from '../results/result-row.js';
import {checkKey, type IntervalsByMetric} from './check-sla.js';
import {slaKeysOf} from './grammar.js';
import {verdictOf, type SlaCheck, type SlaVerdict} from './verdict.js';

/**
 * A row's SLA verdict, recomputed from its SLA keys, metrics and intervals (SPEC §8: `sla.passed`
 * is never trusted blindly). The recorded `passed` is used only where the metrics cannot decide:
 * older cookbook-era rows carry p99 SLA keys but mean-only metrics.
 */

export type RowSlaVerdict = SlaVerdict & {
	/** SLA keys whose metric is missing from the row. */
	readonly unverified: readonly string[];
	/** The SLA keys (numeric) used. */
	readonly keys: Readonly<Record<string, number>>;
	readonly source: 'recomputed' | 'recorded' | 'no-sla';
	/** The row's own recorded verdict, when it disagrees with the recomputed one. */
	readonly recordedDisagrees: boolean;
};

/** Reads booleans the way people write them in JSON and YAML: true, "true", "True", "yes", 1. */
export function parseLooseBoolean(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
	if (typeof value !== 'string') return null;
	const text = value.trim().toLowerCase();
	if (['true', 'yes', 'y', '1', 'passed', 'pass', 'ok'].includes(text)) return true;
	if (['false', 'no', 'n', '0', 'failed', 'fail'].includes(text)) return false;
	return null;
}

/** The intervals the engine recorded beside a row's metrics (none for imported rows). */
export function rowIntervals(row: Pick<ResultRow, 'statistics'>): IntervalsByMetric {
	return row.statistics?.intervals ?? {};
}

function recordedChecks(passed: boolean, failures: readonly string[] | null | undefined, fallback: string): SlaCheck[] {
	return passed ? [] : [{key: 'recorded', bound: 0, outcome: 'fail', value: null, text: failures?.join('; ') || fallback}];
}

/**
 * The verdict for one row. `fallbackSla` (the run's SLA) applies when the row carries no SLA keys
 * of its own, e.g. rows imported from a native client.
 */
export function rowSlaVerdict(
	row: Pick<ResultRow, 'sla' | 'metrics' | 'statistics'>,
	fallbackSla: Readonly<Record<string, unknown>> | null = null,
): RowSlaVerdict {
	const own = slaKeysOf(row.sla);
	const keys = Object.keys(own).length > 0 ? own : slaKeysOf(fallbackSla);
	const recorded = row.sla?.undecided === true ? null : parseLooseBoolean(row.sla?.passed);
	const intervals = rowIntervals(row);
	const checks: SlaCheck[] = [];
	const unverified: string[] = [];
	for (const [key, bound] of Object.entries(keys)) {
		const {missing, unknown, ...check} = checkKey(key, bound, row.metrics, intervals);
		if (missing || unknown) unverified.push(key);
		else checks.push(check);
	}

	if (Object.keys(keys).length === 0) {
		// No SLA anywhere: nothing to fail, unless the row itself recorded a failing verdict.
		const passed = recorded ?? true;
		return {
			...verdictOf(recordedChecks(passed, row.sla?.failures, 'recorded as failing the SLA')),
			unverified,
			keys,
			source: recorded === null ? 'no-sla' : 'recorded',
			recordedDisagrees: false,
		};
	}

	const computed = verdictOf(checks);
	if (computed.outcome === 'fail') return {...computed, unverified, keys, source: 'recomputed', recordedDisagrees: recorded === true};
	if (unverified.length > 0) {
		if (recorded !== null) {
			return {
				...verdictOf(recordedChecks(recorded, row.sla?.failures, `recorded as failing; ${unverified.join(', ')} not measured`)),
				unverified,
				keys,
				source: 'recorded',
				recordedDisagrees: false,
			};
		}

		const missing = unverified.map((key): SlaCheck => ({key, bound: keys[key]!, outcome: 'fail', value: null, text: `${key} not measured`}));
		return {...verdictOf([...checks, ...missing]), unverified, keys, source: 'recomputed', recordedDisagrees: false};
	}

	return {...computed, unverified, keys, source: 'recomputed', recordedDisagrees: computed.outcome === 'pass' && recorded === false};
}
