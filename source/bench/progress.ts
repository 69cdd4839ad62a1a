import type {BenchProgress, RequestRecord} from './bench-types.js';
import {mean, percentile, percentileSorted} from './stats.js';
import {tpotMs} from './metrics.js';

/**
 * Live figures for the panes. run-benchmark reports every 250 ms while running and once at the end;
 * percentiles are recomputed from the finished records (cheap at ≤ 4 Hz).
 */
export type ProgressState = {
	readonly total: number;
	readonly records: readonly RequestRecord[];
	readonly inFlight: number;
	readonly elapsedMs: number;
	readonly timeScale: number;
};

const stats = [50, 90, 95, 99] as const;

/**
 * `{p50,p90,p95,p99,mean}_{ttft,tpot,e2e}_ms` under the row's own metric names, so the live pane
 * shows (and colours) the statistic the SLA names, not only p50. ITL is left out: it is one value
 * per token and too costly to sort four times a second.
 */
function latencyOf(values: Readonly<Record<'ttft' | 'tpot' | 'e2e', number[]>>): Record<string, number | null> {
	const out: Record<string, number | null> = {};
	for (const [metric, list] of Object.entries(values)) {
		const sorted = [...list].sort((a, b) => a - b);
		for (const p of stats) out[`p${p}_${metric}_ms`] = percentileSorted(sorted, p);
		out[`mean_${metric}_ms`] = mean(sorted);
	}

	return out;
}

/** A failure's kind: its text before the first colon ("HTTP 503", "connection error", "stream error"). */
export function errorKind(error: string | null): string {
	const text = (error ?? 'unknown error').trim();
	const colon = text.indexOf(':');
	return (colon > 0 ? text.slice(0, colon) : text).slice(0, 40) || 'unknown error';
}

export function progressSnapshot(state: ProgressState): BenchProgress {
	const ok = state.records.filter(record => record.success);
	const ttfts = ok.flatMap(record => (record.ttftMs === null ? [] : [record.ttftMs]));
	const tpots = ok.flatMap(record => {
		const tpot = tpotMs(record);
		return tpot === null ? [] : [tpot];
	});
	const e2es = ok.flatMap(record => (record.e2eMs === null ? [] : [record.e2eMs]));
	const errors: Record<string, number> = {};
	for (const record of state.records) {
		if (record.success) continue;
		const kind = errorKind(record.error);
		errors[kind] = (errors[kind] ?? 0) + 1;
	}

	const seconds = state.elapsedMs / 1000 / state.timeScale;
	const tokens = ok.reduce((sum, record) => sum + (record.outputTokens ?? 0), 0);
	return {
		completed: ok.length,
		failed: state.records.length - ok.length,
		total: state.total,
		inFlight: state.inFlight,
		elapsedMs: state.elapsedMs / state.timeScale,
		p50TtftMs: percentile(ttfts, 50),
		p50TpotMs: percentile(tpots, 50),
		requestThroughput: seconds > 0 && ok.length > 0 ? ok.length / seconds : null,
		outputTokenThroughput: seconds > 0 && ok.length > 0 ? tokens / seconds : null,
		latency: latencyOf({ttft: ttfts, tpot: tpots, e2e: e2es}),
		errors,
	};
}
