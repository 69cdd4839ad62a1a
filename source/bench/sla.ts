import type {GoodputSla} from './bench-types.js';
import type {Metrics} from '../results/result-row.js';

/**
 * SLA checks shared by the run engine and the report (docs/config.md keys): `max_<stat>_<metric>_ms`,
 * `min_success_rate`, `min_request_goodput`. A metric that was not measured fails the SLA — an
 * unmeasured point must never win.
 */

const maxKey = /^max_(mean|p50|p90|p95|p99)_(ttft|tpot|itl|e2e)_ms$/;

function format(value: number): string {
	return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
}

export function checkSla(
	sla: Readonly<Record<string, number>>,
	metrics: Metrics | null | undefined,
): {passed: boolean; failures: string[]} {
	const failures: string[] = [];
	const values = (metrics ?? {}) as Readonly<Record<string, number | null | undefined>>;
	for (const [key, bound] of Object.entries(sla)) {
		const match = maxKey.exec(key);
		let metricKey: string;
		let direction: 'max' | 'min';
		if (match) {
			metricKey = `${match[1]}_${match[2]}_ms`;
			direction = 'max';
		} else if (key === 'min_success_rate' || key === 'min_request_goodput') {
			metricKey = key.slice(4);
			direction = 'min';
		} else {
			failures.push(`unknown SLA key ${key}`);
			continue;
		}
		const value = values[metricKey];
		if (value === null || value === undefined || !Number.isFinite(value)) {
			failures.push(`${metricKey} not measured`);
		} else if (direction === 'max' && value > bound) {
			failures.push(`${metricKey} ${format(value)} > ${format(bound)}`);
		} else if (direction === 'min' && value < bound) {
			failures.push(`${metricKey} ${format(value)} < ${format(bound)}`);
		}
	}
	return {passed: failures.length === 0, failures};
}

/**
 * Per-request bounds for goodput from the SLA's max_* keys on ttft, tpot and e2e (ITL has no
 * per-request value). Several stats on one metric: the tightest bound applies to every request.
 */
export function goodputFromSla(sla: Readonly<Record<string, number>>): GoodputSla {
	const bounds: {ttftMs?: number; tpotMs?: number; e2eMs?: number} = {};
	const field = {ttft: 'ttftMs', tpot: 'tpotMs', e2e: 'e2eMs'} as const;
	for (const [key, bound] of Object.entries(sla)) {
		const match = maxKey.exec(key);
		if (!match || match[2] === 'itl') continue;
		const name = field[match[2] as keyof typeof field];
		bounds[name] = Math.min(bounds[name] ?? Number.POSITIVE_INFINITY, bound);
	}
	return bounds;
}
