import {checkSla} from '../bench/sla.js';
import type {Metrics, ResultRow} from '../results/result-row.js';

/**
 * Recomputes a row's SLA verdict from its SLA keys and metrics (docs/ranking.md: `sla.passed` is never
 * trusted blindly). The recorded `passed` (boolean or "true"/"false" string) is used only where the
 * metrics cannot decide — older cookbook-era rows carry p99 SLA keys but mean-only metrics.
 */

export type SlaVerdict = {
	/** True when every bound holds; false when one fails or cannot be checked and nothing recorded says otherwise. */
	readonly passed: boolean;
	/** Bounds that failed, with the measured value ("p99 TTFT 2310 ms > 2000 ms"). */
	readonly failures: readonly string[];
	/** SLA keys whose metric is missing from the row. */
	readonly unverified: readonly string[];
	/** The SLA keys (numeric) used. */
	readonly keys: Readonly<Record<string, number>>;
	/** Where the verdict came from. */
	readonly source: 'recomputed' | 'recorded' | 'no-sla';
	/** The row's own recorded verdict, when it disagrees with the recomputed one. */
	readonly recordedDisagrees: boolean;
};

const boundPattern = /^max_(mean|p50|p90|p95|p99)_(ttft|tpot|itl|e2e)_ms$/;
const nonKeys = new Set(['passed', 'failures']);

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

function toNumber(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return null;
}

/** The numeric SLA keys of a block (ignores `passed`, `failures` and anything non-numeric). */
export function slaKeys(block: Readonly<Record<string, unknown>> | null | undefined): Record<string, number> {
	const keys: Record<string, number> = {};
	for (const [key, value] of Object.entries(block ?? {})) {
		const number = toNumber(value);
		if (!nonKeys.has(key) && number !== null && (boundPattern.test(key) || key.startsWith('min_'))) keys[key] = number;
	}
	return keys;
}

/**
 * One key at a time through the engine's own check (source/bench/sla.ts), so the run and the
 * report agree on wording and on what fails; a metric that is absent is "unverified" here, not yet
 * a failure, because old rows may still carry a trustworthy recorded verdict.
 */
function checkKey(key: string, bound: number, metrics: Partial<Metrics>): {failure?: string; missing?: boolean} {
	const withRate = {...metrics};
	if ((withRate.success_rate === null || withRate.success_rate === undefined) && typeof metrics.completed === 'number' && typeof metrics.failed === 'number') {
		const total = metrics.completed + metrics.failed;
		withRate.success_rate = total > 0 ? metrics.completed / total : null;
	}

	const {failures} = checkSla({[key]: bound}, withRate as Metrics);
	const failure = failures[0];
	if (failure === undefined) return {};
	return /not measured$|^unknown SLA key/.test(failure) ? {missing: true} : {failure};
}

/**
 * The verdict for one row. `fallbackSla` (the run's SLA) applies when the row carries no SLA keys
 * of its own, e.g. rows imported from a native client.
 */
export function slaVerdict(
	row: Pick<ResultRow, 'sla' | 'metrics'>,
	fallbackSla: Readonly<Record<string, unknown>> | null = null,
): SlaVerdict {
	const own = slaKeys(row.sla);
	const keys = Object.keys(own).length > 0 ? own : slaKeys(fallbackSla);
	const recorded = parseLooseBoolean(row.sla?.passed);
	const metrics = row.metrics ?? {};
	const failures: string[] = [];
	const unverified: string[] = [];
	for (const [key, bound] of Object.entries(keys)) {
		const {failure, missing} = checkKey(key, bound, metrics);
		if (failure) failures.push(failure);
		if (missing) unverified.push(key);
	}

	if (Object.keys(keys).length === 0) {
		// No SLA anywhere: nothing to fail, unless the row itself recorded a failing verdict.
		const passed = recorded ?? true;
		return {passed, failures: passed ? [] : [...(row.sla?.failures ?? ['recorded as failing the SLA'])], unverified, keys, source: recorded === null ? 'no-sla' : 'recorded', recordedDisagrees: false};
	}

	if (failures.length > 0) {
		return {passed: false, failures, unverified, keys, source: 'recomputed', recordedDisagrees: recorded === true};
	}

	if (unverified.length > 0) {
		if (recorded !== null) {
			return {passed: recorded, failures: recorded ? [] : [...(row.sla?.failures ?? [`recorded as failing; ${unverified.join(', ')} not measured`])], unverified, keys, source: 'recorded', recordedDisagrees: false};
		}

		return {passed: false, failures: unverified.map(key => `${key} not measured`), unverified, keys, source: 'recomputed', recordedDisagrees: false};
	}

	return {passed: true, failures, unverified, keys, source: 'recomputed', recordedDisagrees: recorded === false};
}
