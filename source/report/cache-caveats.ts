import type {ResultRow} from '../results/result-row.js';
import {frameworkLabel} from './format.js';

const pct = (value: number) => `${Math.round(value * 100)} %`;

/**
 * A random workload has no shared prefixes, so prefix-cache hits mean the same prompts came back
 * (the previous round's, or the warm-up's) and the prefill was free: throughput and TTFT look
 * better than fresh traffic would get (vLLM #52884: up to 86 % inflation). Said per framework, with
 * why the cache was not flushed.
 */
export function cacheCaveats(rows: readonly ResultRow[]): string[] {
	const out: string[] = [];
	const random = rows.filter(row => row.workload.kind === 'random' && row.workload.load_mode !== 'smoke');
	for (const framework of [...new Set(random.map(row => row.framework))]) {
		const hit = random
			.filter(row => row.framework === framework)
			.map(row => ({
				row,
				rate: Math.max(row.server_metrics?.prefix_cache_hit_rate ?? 0, ...(row.qps_rounds ?? []).map(round => round.prefix_cache_hit_rate ?? 0)),
			}))
			.filter(entry => entry.rate > 0.05);
		if (hit.length === 0) continue;
		const worst = Math.max(...hit.map(entry => entry.rate));
		const flush = hit.map(entry => entry.row.cache?.flush).find((note): note is string => typeof note === 'string' && notFlushed(hit, note));
		out.push(
			`${frameworkLabel(framework)}: ${hit.length} row(s) on a random workload show prefix-cache hits (up to ${pct(worst)}) — the same prompts were served again from a warm cache, so on a real server their prefill was free and their throughput and TTFT are flattered${flush ? ` (cache not flushed: ${flush})` : ''}.`,
		);
	}

	return out;
}

function notFlushed(hit: ReadonlyArray<{row: ResultRow}>, note: string): boolean {
	return hit.some(entry => entry.row.cache?.flush === note && entry.row.cache?.flushed_before_round === false);
}
