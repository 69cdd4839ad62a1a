import {rowKey, type ResultRow} from './result-row.js';

/**
 * results.jsonl is append-only: a repeat that re-measured a row appends the pooled row under the
 * same key. Readers keep the last row per key, in the position of the first.
 */
export function latestRows(rows: readonly ResultRow[]): ResultRow[] {
	const index = new Map<string, number>();
	const out: ResultRow[] = [];
	for (const row of rows) {
		const key = rowKey(row);
		const at = index.get(key);
		if (at === undefined) {
			index.set(key, out.length);
			out.push(row);
		} else {
			out[at] = row;
		}
	}

	return out;
}
