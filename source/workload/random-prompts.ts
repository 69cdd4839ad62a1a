import type {Tokenizer} from './tokenizer.js';

/**
 * Random prompts of an exact token length. Text is built from whole-word vocabulary pieces
 * (" river", " table"), which re-encode to themselves almost always; the decode → encode round
 * trip is then repeated, truncating or topping up, until it holds exactly — and verified, never
 * assumed.
 */

const wordPiece = /^(?:Ġ|▁)[a-z]{3,8}$/;

const pools = new WeakMap<Tokenizer, number[]>();

export function wordPool(tokenizer: Tokenizer, limit = 1500): number[] {
	const cached = pools.get(tokenizer);
	if (cached) return cached;
	const pool: number[] = [];
	for (let id = 0; id < tokenizer.vocab.length && pool.length < limit; id++) {
		const piece = tokenizer.vocab[id];
		if (piece === undefined || !wordPiece.test(piece)) continue;
		const again = tokenizer.encode(tokenizer.decode([id]));
		if (again.length === 1 && again[0] === id) pool.push(id);
	}
	if (pool.length < 50) throw new Error(`tokenizer ${tokenizer.source} has too few plain word pieces (${pool.length}) to build random prompts`);
	pools.set(tokenizer, pool);
	return pool;
}

function pick(pool: readonly number[], count: number, random: () => number): number[] {
	return Array.from({length: count}, () => pool[Math.floor(random() * pool.length)]!);
}

export function exactLengthText(tokenizer: Tokenizer, pool: readonly number[], length: number, random: () => number): string {
	if (length <= 0) return '';
	let ids = pick(pool, length, random);
	for (let attempt = 0; attempt < 16; attempt++) {
		const text = tokenizer.decode(ids);
		const encoded = tokenizer.encode(text);
		if (encoded.length === length) return text;
		ids = encoded.length > length ? encoded.slice(0, length) : [...encoded, ...pick(pool, length - encoded.length, random)];
	}
	throw new Error(`could not build a prompt of exactly ${length} tokens with ${tokenizer.source}`);
}

/** Without a tokenizer on /v1/completions: token ids, exact by construction (ids common to every vocabulary ≥ 32k). */
export function randomTokenIds(length: number, random: () => number): number[] {
	return Array.from({length}, () => 1000 + Math.floor(random() * 29_000));
}

const commonWords =
	'time year people way day man thing woman life child world school state family student group country problem hand part place case week company system program question work government number night point home water room mother area money story fact month lot right study book eye job word business issue side kind head house service friend father power hour game line end member law car city community name president team minute idea kid body information back parent face others level office door health person art war history party result change morning reason research girl guy moment air teacher force education'.split(
		' ',
	);

/** Without a tokenizer on chat: common English words, about one token each — approximate, and labelled so. */
export function approximateText(length: number, random: () => number): string {
	return Array.from({length}, () => commonWords[Math.floor(random() * commonWords.length)]).join(' ');
}
