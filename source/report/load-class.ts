import type {ResultRow} from '../results/result-row.js';

/**
 * Which table a row belongs in. Steady-state fixed-QPS results and burst (`inf`) throughput are
 * never ranked against each other (seed fairness rules); smoke rows prove the flow, not performance.
 */
export type LoadClass = 'steady' | 'burst' | 'smoke';

export function loadClassOf(row: Pick<ResultRow, 'workload'>): LoadClass {
	const {load_mode: mode, request_rate: rate} = row.workload;
	if (mode === 'smoke') return 'smoke';
	if (mode === 'burst') return 'burst';
	if (mode === 'steady' || mode === 'single') return 'steady';
	// Older and imported rows carry no load mode: an infinite rate is a burst run.
	return rate === 'inf' ? 'burst' : 'steady';
}
