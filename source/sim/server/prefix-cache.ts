/**
 * The simulated server's prefix cache: which prompt prefixes have KV blocks still resident, so a
 * repeat of a prompt reports cached tokens and a flush (SGLang `/flush_cache`, vLLM
 * `/reset_prefix_cache`) can be seen to empty it.
 *
 * Model, kept simple and documented because clients see it:
 * - prompts are cut into 16-token pages (vLLM's default block size; SGLang's radix tree matches
 *   single tokens, the sim rounds down to whole pages); a token-id prompt pages its ids, text pages
 *   every 64 characters (the sim's 4 characters per token), chat pages its messages' JSON;
 * - a page is identified by the hash of everything before it plus its own tokens (vLLM's chained
 *   block hash), so only a shared *prefix* hits, never a shared middle;
 * - a prompt's pages are inserted once its prefill is done (its first token), and the least
 *   recently used pages are evicted beyond the KV pool's size;
 * - as in both servers, the last prompt token is always computed, so a full hit is prompt − 1.
 * Bookkeeping only: hits are counted and reported, the step-time model does not skip their prefill.
 */

export const pageTokens = 16;
const pageChars = pageTokens * 4;

export type PrefixCacheStats = {
	/** Prompt tokens looked up (vLLM `prefix_cache_queries`). */
	queriedTokens: number;
	/** Of those, tokens found cached (vLLM `prefix_cache_hits`, SGLang `cached_tokens`). */
	hitTokens: number;
	/** Pages resident now. */
	pages: number;
	flushes: number;
};

/** A prompt's page keys, computed once per request and reused for lookup and insert. */
export type PageKeys = readonly number[];

function mix(hash: number, value: number): number {
	return Math.imul(hash ^ value, 16_777_619) >>> 0;
}

/** Two independent 32-bit chains packed into one safe integer (53 bits): collisions are negligible. */
function pack(a: number, b: number): number {
	return a * 2 ** 21 + (b & 0x1f_ffff);
}

function idPages(ids: readonly number[]): number[] {
	const keys: number[] = [];
	let a = 2_166_136_261;
	let b = 0x9e37_79b9;
	for (let start = 0; start + pageTokens <= ids.length; start += pageTokens) {
		for (let i = start; i < start + pageTokens; i++) {
			a = mix(a, ids[i]!);
			b = mix(b, ids[i]! + 0x5bd1_e995);
		}

		keys.push(pack(a, b));
	}

	return keys;
}

function textPages(text: string): number[] {
	const keys: number[] = [];
	let a = 2_166_136_261;
	let b = 0x9e37_79b9;
	for (let start = 0; start + pageChars <= text.length; start += pageChars) {
		for (let i = start; i < start + pageChars; i++) {
			const code = text.charCodeAt(i);
			a = mix(a, code);
			b = mix(b, code + 0x5bd1_e995);
		}

		keys.push(pack(a, b));
	}

	return keys;
}

/** Page keys of a completions prompt (string, token ids, or the first of a list) or chat messages. */
export function promptPages(prompt: unknown): PageKeys {
	if (typeof prompt === 'string') {
		return textPages(prompt);
	}

	if (Array.isArray(prompt) && prompt.length > 0) {
		const first: unknown = prompt[0];
		if (typeof first === 'number') {
			return idPages(prompt as number[]);
		}

		if (typeof first === 'string' || Array.isArray(first)) {
			return promptPages(first);
		}

		return textPages(JSON.stringify(prompt));
	}

	return [];
}

export class PrefixCache {
	readonly stats: PrefixCacheStats = {queriedTokens: 0, hitTokens: 0, pages: 0, flushes: 0};
	/** Insertion order is recency order: a hit re-inserts its pages, eviction takes from the front. */
	private readonly resident = new Map<number, true>();
	private readonly capacityPages: number;

	/** `enabled` false: `--disable-radix-cache` / `--no-enable-prefix-caching`; nothing is kept. */
	constructor(
		capacityTokens: number,
		readonly enabled = true,
	) {
		this.capacityPages = Math.max(1, Math.floor(capacityTokens / pageTokens));
	}

	/** Cached tokens for a prompt of `promptTokens` tokens; counts the lookup in the stats. */
	lookup(keys: PageKeys, promptTokens: number): number {
		this.stats.queriedTokens += promptTokens;
		if (!this.enabled) {
			return 0;
		}

		let pages = 0;
		while (pages < keys.length && this.resident.has(keys[pages]!)) {
			pages++;
		}

		for (let index = 0; index < pages; index++) {
			this.resident.delete(keys[index]!);
			this.resident.set(keys[index]!, true);
		}

		const hit = Math.max(0, Math.min(pages * pageTokens, promptTokens - 1));
		this.stats.hitTokens += hit;
		return hit;
	}

	/** A prompt's KV is now computed: its pages become (most recently used) residents. */
	insert(keys: PageKeys): void {
		if (!this.enabled) {
			return;
		}

		for (const key of keys) {
			this.resident.delete(key);
			this.resident.set(key, true);
		}

		for (const key of this.resident.keys()) {
			if (this.resident.size <= this.capacityPages) {
				break;
			}

			this.resident.delete(key);
		}

		this.stats.pages = this.resident.size;
	}

	/** Empties the cache (the caller decides whether the server allows it now). */
	flush(): void {
		this.resident.clear();
		this.stats.pages = 0;
		this.stats.flushes++;
	}
}
