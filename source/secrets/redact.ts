/**
 * Secrets never reach an artifact, an event or an echoed argv (docs/artifacts.md). They are passed by
 * environment-variable name only; anything that still looks like a token is masked on the way out.
 */

import {isSecretKey} from './secret-key.js';

export const redactedMark = '[REDACTED]';

/** Env var names whose values are secrets. */
const secretNamePattern = /^(HF_TOKEN|HUGGING_FACE_HUB_TOKEN|HUGGINGFACE_HUB_TOKEN|.*_API_KEY|.*_TOKEN|.*_SECRET|.*PASSWORD.*|API_KEY)$/i;

/** Token-shaped strings, whatever variable (if any) they came from. */
const tokenPatterns: readonly RegExp[] = [
	// A Hugging Face token is random (mixed case and digits); `hf_revision`, `hf_overrides` are flag names.
	/(?<![-\w])hf_(?=[A-Za-z0-9]*[A-Z0-9])[A-Za-z0-9]{16,}\b/g,
	// Credentials inside a URL (`http://user:pass@host`): both parts go, the host stays readable.
	/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]+(?=@)/gi,
	/\bsk-[A-Za-z0-9_-]{12,}\b/g,
	/\bgh[pousr]_[A-Za-z0-9]{16,}\b/g,
	/\bnvapi-[A-Za-z0-9_-]{16,}\b/g,
	/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g,
	/(\b(?:api_key|token|password|secret)=)(?!\[REDACTED\])[^\s'"&]{4,}/gi,
];

/**
 * `--NAME VALUE` / `--NAME=VALUE` where NAME says secret (secret-key.ts: `--api-key`, `--hf-token`,
 * `--ssl-keyfile-password`, not `--tokenizer` or `--max-deferred-experts-per-token`). A help text's
 * metavar (`--api-key API_KEY`, `--hf-token [HF_TOKEN]`) is not a value and stays readable.
 */
const flagValuePattern = /(--([A-Za-z][\w-]*)(?:=|[ \t]+))(?!\[REDACTED\])([^\s'"&]{4,})/g;
const metavarPattern = /^\[?[A-Z][A-Z0-9_]*(?:\]|\.\.\.)?\]?$/;

/**
 * Long opaque tokens: ≥ 32 chars of [A-Za-z0-9_-] with upper, lower and digits mixed. Pure lower-case
 * hex (sha256 of a workload, git commits) and kebab-case ids stay readable.
 */
const opaquePattern = /[A-Za-z0-9_-]{32,}/g;
function mixed(text: string): boolean {
	return /[A-Z]/.test(text) && /[a-z]/.test(text) && /\d/.test(text);
}

// A container name such as `llm-bench-2026-05-01T12-30-05-abc-vllm-00` is long and mixed but made of
// short readable words; a token has at least one long random stretch between separators.
function looksOpaque(text: string): boolean {
	return mixed(text) && text.split(/[-_]/).some(piece => piece.length >= 16 && mixed(piece));
}

export type Redactor = (text: string) => string;

export function secretValuesFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
	return (
		Object.entries(env)
			.filter(([name, value]) => secretNamePattern.test(name) && value !== undefined && value.length >= 4)
			.map(([, value]) => value!)
			// Longest first so a secret that contains another is masked whole.
			.sort((a, b) => b.length - a.length)
	);
}

export function isSecretEnvName(name: string): boolean {
	return secretNamePattern.test(name);
}

/**
 * `extraSecrets`: values known to be secret from where they were written (a plan flag named
 * `api_key`, a password inside a URL, a recipe env entry named `*_TOKEN`); see secret-values.ts.
 */
export function createRedactor(env: Readonly<Record<string, string | undefined>> = process.env, extraSecrets: readonly string[] = []): Redactor {
	const values = [...new Set([...secretValuesFromEnv(env), ...extraSecrets.filter(value => value.length >= 4)])].sort((a, b) => b.length - a.length);
	return (text: string) => {
		// Every shape and every known value is looked for in the text as given, and each overlapping
		// run of hits is masked as one. Masking known values first cut a token in pieces: a short
		// `hf_token: 12345` inside `hf_Ab12345Cd6789…` left `hf_Ab[REDACTED]Cd6789…`, no longer a token.
		// Shapes first would do the reverse: `Pass-sk-…` known whole, its `sk-…` masked, `Pass-` shown.
		const spans: Span[] = [];
		for (const value of values) {
			for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + value.length)) spans.push([at, at + value.length]);
		}

		for (let match = first(flagValuePattern, text); match; match = flagValuePattern.exec(text)) {
			const [whole, prefix, name, value] = match as unknown as [string, string, string, string];
			if (isSecretKey(name) && !metavarPattern.test(value)) spans.push([match.index + prefix.length, match.index + whole.length]);
		}

		for (const pattern of tokenPatterns) {
			for (let match = first(pattern, text); match; match = pattern.exec(text)) {
				// A capture is a prefix that stays readable (`Bearer `, `token=`, a URL's scheme).
				const prefix = match[1];
				const start = match.index + (prefix !== undefined && match[0].startsWith(prefix) ? prefix.length : 0);
				spans.push([start, match.index + match[0].length]);
			}
		}

		for (let match = first(opaquePattern, text); match; match = opaquePattern.exec(text)) {
			if (looksOpaque(match[0])) spans.push([match.index, match.index + match[0].length]);
		}

		return spans.length === 0 ? text : mask(text, spans);
	};
}

type Span = [start: number, end: number];

// exec on the shared /g patterns, not matchAll: most texts (events, log lines) match nothing, and
// matchAll's iterators made a redaction ~1.45× the old replace chain's time; exec is ~0.55×. None
// of the patterns matches the empty string, so the loops end.
function first(pattern: RegExp, text: string): RegExpExecArray | null {
	pattern.lastIndex = 0;
	return pattern.exec(text);
}

/** Each run of overlapping or touching spans becomes one mark. */
function mask(text: string, spans: Span[]): string {
	spans.sort((a, b) => a[0] - b[0]);
	let out = '';
	let done = 0;
	let [start, end] = spans[0]!;
	for (const [nextStart, nextEnd] of spans) {
		if (nextStart <= end) {
			end = Math.max(end, nextEnd);
			continue;
		}

		out += text.slice(done, start) + redactedMark;
		done = end;
		[start, end] = [nextStart, nextEnd];
	}

	return out + text.slice(done, start) + redactedMark + text.slice(end);
}

export {isSecretKey} from './secret-key.js';

/**
 * Redact every string inside a JSON-able value (events, rows, manifests), and every value under a
 * secret-named key. Keys too: a flags map is keyed by what the config wrote, and a token pasted as
 * a flag name (`hf_…: [1]`) is a key of every row and event of its candidate.
 */
export function redactDeep<T>(value: T, redact: Redactor): T {
	if (typeof value === 'string') return redact(value) as T;
	if (Array.isArray(value)) return value.map(item => redactDeep(item, redact)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactKey(k, redact), isSecretKey(k) ? maskValue(v) : redactDeep(v, redact)])) as T;
	}

	return value;
}

// Keys repeat (every event and row has the same few dozen): each is redacted once per redactor.
// Bounded, for objects keyed by data rather than by a schema.
const keyCache = new WeakMap<Redactor, Map<string, string>>();
const keyCacheLimit = 4096;

function redactKey(key: string, redact: Redactor): string {
	let cache = keyCache.get(redact);
	if (cache === undefined) keyCache.set(redact, (cache = new Map()));
	let out = cache.get(key);
	if (out === undefined) {
		out = redact(key);
		if (cache.size < keyCacheLimit) cache.set(key, out);
	}

	return out;
}

function maskValue(value: unknown): unknown {
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return redactedMark;
	if (Array.isArray(value)) return value.map(item => maskValue(item));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v)]));
	return value;
}
