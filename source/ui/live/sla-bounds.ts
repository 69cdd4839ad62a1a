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

const boundKey = /^max_(mean|p50|p90|p95|p99)_(ttft|tpot|itl|e2e)_ms$/;
const metricOrder = ['ttft', 'tpot', 'itl', 'e2e'];

export function latencyBounds(sla: Readonly<Record<string, number>>): LatencyBound[] {
	const bounds: LatencyBound[] = [];
	for (const [key, ms] of Object.entries(sla)) {
		const match = boundKey.exec(key);
		if (match) bounds.push({key: `${match[1]}_${match[2]}_ms`, stat: match[1]!, metric: match[2] as LatencyBound['metric'], ms});
	}

	return bounds.sort((a, b) => metricOrder.indexOf(a.metric) - metricOrder.indexOf(b.metric));
}

/** What the pane shows when the SLA names no latency bound: p99 TTFT and TPOT, uncoloured. */
export function shownStatistics(sla: Readonly<Record<string, number>>): ReadonlyArray<{key: string; stat: string; metric: string; ms: number | null}> {
	const bounds = latencyBounds(sla);
	return bounds.length > 0 ? bounds : [{key: 'p99_ttft_ms', stat: 'p99', metric: 'ttft', ms: null}, {key: 'p99_tpot_ms', stat: 'p99', metric: 'tpot', ms: null}];
}

/** Red over the bound, yellow within 20 % of it, green below; no colour without a bound or a value. */
export function boundColor(value: number | null | undefined, ms: number | null): string | undefined {
	if (value === null || value === undefined || ms === null) return undefined;
	return value > ms ? 'red' : value > ms * 0.8 ? 'yellow' : 'green';
}

export const metricLabel = (metric: string) => metric.toUpperCase();
