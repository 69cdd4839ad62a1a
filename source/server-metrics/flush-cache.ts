import type {MetricsAdapter} from './types.js';

/** What happened to the prefix cache before a round (recorded per round). */
export type CacheFlush = {readonly flushed: boolean; readonly note: string};

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Empties the server's prefix cache before a round where the framework has a route for it, so one
 * round's prompts cannot make the next one's prefill free (vLLM #52884: a warm cache silently
 * inflated throughput by up to 86 %). A server that refuses while requests are still in flight
 * (SGLang: 400) is asked again briefly; a route that is not mounted (404) is recorded with why.
 */
export async function flushPrefixCache(baseUrl: string, adapter: MetricsAdapter, attempts = 5, get: typeof fetch = fetch): Promise<CacheFlush> {
	if ('unavailable' in adapter.flushCache) return {flushed: false, note: adapter.flushCache.unavailable};
	const {method, path, whenMissing} = adapter.flushCache;
	let last = '';
	for (let attempt = 0; attempt < attempts; attempt++) {
		try {
			const response = await get(`${baseUrl.replace(/\/+$/, '')}${path}`, {method, signal: AbortSignal.timeout(10_000)});
			const body = await response.text();
			if (response.status === 404 || response.status === 405) {
				const why = whenMissing ? ` (${whenMissing})` : '';
				return {flushed: false, note: `${method} ${path} answered ${response.status}${why}: the prefix cache stays warm between rounds`};
			}

			// vLLM answers 200 with {"success": false} when it could not reset (blocks still in use).
			const refused = /"success"\s*:\s*false/.test(body);
			if (response.ok && !refused) return {flushed: true, note: `${method} ${path}`};
			last = `${method} ${path} answered ${response.status}${body.trim() ? `: ${body.trim().slice(0, 120)}` : ''}`;
			// Only "busy" answers are worth a retry; anything else will not change in a second.
			if (!refused && ![400, 409, 503].includes(response.status)) break;
		} catch (error) {
			return {flushed: false, note: `${method} ${path} failed: ${(error as Error).message}`};
		}

		await sleep(200 * (attempt + 1));
	}

	return {flushed: false, note: last};
}
