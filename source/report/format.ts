import type {Metrics} from '../results/result-row.js';
import {frameworkLabel} from '../frameworks/registry.js';

/** Number and label formatting shared by every renderer, so markdown, CSV, HTML and Ink agree. */

export const missing = '—';

export function formatNumber(value: number | null | undefined, digits = 2): string {
	if (typeof value !== 'number' || !Number.isFinite(value)) return missing;
	if (Math.abs(value) >= 1000) return value.toFixed(0);
	if (Math.abs(value) >= 100) return value.toFixed(Math.min(digits, 1));
	return value.toFixed(digits);
}

export {frameworkLabel};

/** The metrics every table shows, in order. */
export const metricColumns: ReadonlyArray<{key: keyof Metrics; label: string; digits: number}> = [
	{key: 'request_throughput', label: 'req/s', digits: 2},
	{key: 'request_goodput', label: 'goodput req/s', digits: 2},
	{key: 'output_token_throughput', label: 'out tok/s', digits: 0},
	{key: 'total_token_throughput', label: 'total tok/s', digits: 0},
	{key: 'p50_ttft_ms', label: 'p50 TTFT ms', digits: 1},
	{key: 'p99_ttft_ms', label: 'p99 TTFT ms', digits: 1},
	{key: 'p50_tpot_ms', label: 'p50 TPOT ms', digits: 2},
	{key: 'p99_tpot_ms', label: 'p99 TPOT ms', digits: 2},
	{key: 'p99_itl_ms', label: 'p99 ITL ms', digits: 2},
	{key: 'p99_e2e_ms', label: 'p99 E2E ms', digits: 0},
	{key: 'success_rate', label: 'success', digits: 3},
];

/** Request rate as the load client saw it: a number of req/s, or `inf` for a burst. */
export function formatRate(rate: number | 'inf' | null | undefined): string {
	if (rate === 'inf') return 'inf';
	return typeof rate === 'number' ? `${formatNumber(rate, 3)}` : missing;
}
