import type {BenchProgress, RequestRecord} from './bench-types.js';
import {percentile} from './stats.js';
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

export function progressSnapshot(state: ProgressState): BenchProgress {
	const ok = state.records.filter(record => record.success);
	const ttfts = ok.flatMap(record => (record.ttftMs === null ? [] : [record.ttftMs]));
	const tpots = ok.flatMap(record => {
		const tpot = tpotMs(record);
		return tpot === null ? [] : [tpot];
	});
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
	};
}
