import type {ResultRow} from '../results/result-row.js';

/**
 * Where each candidate ran (rows' `where`, docs/placement.md), for the report's header: one place
 * for every candidate is said once; several places list their candidates. Null when no row says
 * (rows from before placements, imported native results).
 */
export function ranOnLine(rows: readonly Pick<ResultRow, 'candidate_id' | 'where'>[]): string | null {
	const byPlace = new Map<string, Set<string>>();
	for (const row of rows) {
		if (!row.where) continue;
		byPlace.set(row.where, (byPlace.get(row.where) ?? new Set()).add(row.candidate_id));
	}

	if (byPlace.size === 0) return null;
	if (byPlace.size === 1) return `${[...byPlace.keys()][0]} (every candidate)`;
	return [...byPlace]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([place, ids]) => `${place}: ${[...ids].sort().join(', ')}`)
		.join('; ');
}
