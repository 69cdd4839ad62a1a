import type {GoodputSla} from '../bench/bench-types.js';

/**
 * The SLA key grammar (SPEC §3), written once: `max_<stat>_<metric>_ms` with stat ∈ {mean, p50,
 * p90, p95, p99} and metric ∈ {ttft, tpot, itl, e2e}, `min_success_rate`, `min_request_goodput`.
 * The config validator, the engine's verdicts, the report and the live panel all read keys here.
 */

export const slaStats = ['mean', 'p50', 'p90', 'p95', 'p99'] as const;
export const slaMetrics = ['ttft', 'tpot', 'itl', 'e2e'] as const;
export type SlaStat = (typeof slaStats)[number];
export type SlaMetric = (typeof slaMetrics)[number];

export type SlaKey =
	| {readonly kind: 'max'; readonly key: string; readonly stat: SlaStat; readonly metric: SlaMetric; readonly metricKey: `${SlaStat}_${SlaMetric}_ms`}
	| {readonly kind: 'min'; readonly key: string; readonly metricKey: 'success_rate' | 'request_goodput'};

const maxKey = new RegExp(`^max_(${slaStats.join('|')})_(${slaMetrics.join('|')})_ms$`);
const ambiguous = new RegExp(`^max_(${slaMetrics.join('|')})_ms$`);

/** Every latency bound the grammar allows, plus the two rate bounds. */
export const validSlaKeys: readonly string[] = [
	...slaStats.flatMap(stat => slaMetrics.map(metric => `max_${stat}_${metric}_ms`)),
	'min_success_rate',
	'min_request_goodput',
];

export const slaGrammarText = `max_<${slaStats.join('|')}>_<${slaMetrics.join('|')}>_ms, min_success_rate, min_request_goodput`;

export function parseSlaKey(key: string): SlaKey | null {
	const match = maxKey.exec(key);
	if (match) {
		const stat = match[1] as SlaStat;
		const metric = match[2] as SlaMetric;
		return {kind: 'max', key, stat, metric, metricKey: `${stat}_${metric}_ms`};
	}

	if (key === 'min_success_rate' || key === 'min_request_goodput') return {kind: 'min', key, metricKey: key.slice(4) as 'success_rate' | 'request_goodput'};
	return null;
}

/** `max_ttft_ms` names no statistic: the metric it meant, to suggest the explicit keys. */
export function ambiguousSlaMetric(key: string): SlaMetric | null {
	return (ambiguous.exec(key)?.[1] as SlaMetric | undefined) ?? null;
}

/** The percentile a stat names (p99 → 99), null for the mean. */
export function percentOf(stat: SlaStat): number | null {
	return stat === 'mean' ? null : Number(stat.slice(1));
}

const metricLabels: Record<SlaMetric, string> = {ttft: 'TTFT', tpot: 'TPOT', itl: 'ITL', e2e: 'E2E'};

export function metricLabel(metric: SlaMetric): string {
	return metricLabels[metric];
}

/** `p99_ttft_ms` → `p99 TTFT`; other metric keys as written. */
export function describeMetricKey(metricKey: string): string {
	const match = /^(mean|p\d+)_(ttft|tpot|itl|e2e)_ms$/.exec(metricKey);
	return match ? `${match[1]} ${metricLabels[match[2] as SlaMetric]}` : metricKey.replaceAll('_', ' ');
}

/** `max_p99_ttft_ms: 2000` → `p99 TTFT ≤ 2000 ms`. */
export function describeSlaKey(key: string, bound: number): string {
	const parsed = parseSlaKey(key);
	if (parsed?.kind === 'max') return `${parsed.stat} ${metricLabels[parsed.metric]} ≤ ${bound} ms`;
	if (key === 'min_success_rate') return `success rate ≥ ${bound}`;
	if (key === 'min_request_goodput') return `goodput ≥ ${bound} req/s`;
	return `${key} = ${bound}`;
}

export function describeSla(keys: Readonly<Record<string, number>>): string {
	const parts = Object.entries(keys).map(([key, bound]) => describeSlaKey(key, bound));
	return parts.length > 0 ? parts.join(', ') : 'none given';
}

function toNumber(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return null;
}

/** The numeric SLA keys of a row's or a plan's block (ignores `passed`, `failures`, notes). */
export function slaKeysOf(block: Readonly<Record<string, unknown>> | null | undefined): Record<string, number> {
	const keys: Record<string, number> = {};
	for (const [key, value] of Object.entries(block ?? {})) {
		const number = toNumber(value);
		if (number !== null && parseSlaKey(key) !== null) keys[key] = number;
	}

	return keys;
}

/**
 * Per-request bounds for goodput from the SLA's max_* keys on ttft, tpot and e2e (ITL has no
 * per-request value). Several stats on one metric: the tightest bound applies to every request.
 */
export function goodputFromSla(sla: Readonly<Record<string, number>>): GoodputSla {
	const bounds: {ttftMs?: number; tpotMs?: number; e2eMs?: number} = {};
	const field = {ttft: 'ttftMs', tpot: 'tpotMs', e2e: 'e2eMs'} as const;
	for (const [key, bound] of Object.entries(sla)) {
		const parsed = parseSlaKey(key);
		if (parsed?.kind !== 'max' || parsed.metric === 'itl') continue;
		const name = field[parsed.metric];
		bounds[name] = Math.min(bounds[name] ?? Number.POSITIVE_INFINITY, bound);
	}

	return bounds;
}
