import {parseSlaKey, slaMetrics} from '../../sla/grammar.js';

/**
 * The latency bounds an SLA names (`max_<stat>_<metric>_ms`), in the order the live pane shows
 * them: the statistic the SLA judges is the one shown and coloured, never a stand-in such as p50.
 */

export type LatencyBound = {
	/** The metric key the bound applies to, as rows and live progress name it: `p99_ttft_ms`. */
	readonly key: string;
	readonly stat: string;
	readonly metric: 'ttft' | 'tpot' | 'itl' | 'e2e';
	readonly ms: number;
};

export function latencyBounds(sla: Readonly<Record<string, number>>): LatencyBound[] {
	const bounds: LatencyBound[] = [];
	for (const [key, ms] of Object.entries(sla)) {
		// The one SLA grammar (source/sla/grammar.ts).
		const parsed = parseSlaKey(key);
		if (parsed?.kind === 'max') bounds.push({key: parsed.metricKey, stat: parsed.stat, metric: parsed.metric, ms});
	}

	return bounds.sort((a, b) => slaMetrics.indexOf(a.metric) - slaMetrics.indexOf(b.metric));
}

/** What the pane shows when the SLA names no latency bound: p99 TTFT and TPOT, uncoloured. */
export function shownStatistics(sla: Readonly<Record<string, number>>): ReadonlyArray<{key: string; stat: string; metric: string; ms: number | null}> {
	const bounds = latencyBounds(sla);
	return bounds.length > 0
		? bounds
		: [
				{key: 'p99_ttft_ms', stat: 'p99', metric: 'ttft', ms: null},
				{key: 'p99_tpot_ms', stat: 'p99', metric: 'tpot', ms: null},
			];
}

/** Red over the bound, yellow within 20 % of it, green below; no colour without a bound or a value. */
export function boundColor(value: number | null | undefined, ms: number | null): string | undefined {
	if (value === null || value === undefined || ms === null) return undefined;
	return value > ms ? 'red' : value > ms * 0.8 ? 'yellow' : 'green';
}

export const metricLabel = (metric: string) => metric.toUpperCase();
