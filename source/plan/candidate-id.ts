import {isSecretKey} from '../secrets/secret-key.js';
import {createRedactor} from '../secrets/redact.js';
import type {Flags} from '../config/plan.js';

// Token shapes only (no environment): an id must not depend on who runs the plan.
const tokenShapes = createRedactor({});
// Something every shape in redact.ts needs (an upper-case letter, a prefix, `=`, `--`, `://`): plain
// snake-case keys and lower-case values, nearly all of them, skip the redactor's regexes.
const mayBeToken = /[A-Z]|hf_|sk-|gh[pousr]_|nvapi-|=|--|:\/\//;
const shapedCache = new Map<string, boolean>();

/**
 * A key or value that looks like a token (`hf_…`, `sk-…`, a long opaque string: redact.ts) is not
 * slugged into an id: lower-cased and cut to 24 characters it is still most of the secret, in a
 * folder name.
 */
function tokenShaped(text: string): boolean {
	if (text.length < 12 || !mayBeToken.test(text)) return false;
	// The same few search values recur in every candidate of a file: each is looked at once.
	let shaped = shapedCache.get(text);
	if (shaped === undefined) {
		shaped = tokenShapes(text) !== text;
		if (shapedCache.size < 1024) shapedCache.set(text, shaped);
	}

	return shaped;
}

const maxDescriptionLength = 80;

function slug(text: string): string {
	return text
		.toLowerCase()
		.replaceAll(/[^a-z0-9.]+/g, '-')
		.replaceAll(/^-+|-+$/g, '');
}

/** `prefill_attention_backend` → `pab`, for ids that would otherwise be too long to read. */
function initials(key: string): string {
	return key
		.split(/[_.-]+/)
		.map(word => word[0] ?? '')
		.join('')
		.toLowerCase();
}

function describeEntry(name: string, value: unknown): string {
	if (value === true) {
		return name;
	}

	if (value === false || value === null) {
		return `no-${name}`;
	}

	const text = typeof value === 'object' ? 'json' : slug(String(value));
	return `${name}-${text.slice(0, 24) || 'x'}`;
}

function describe(diff: Flags, keyName: (key: string) => string): string {
	// An id names folders and appears everywhere: a secret-named flag's value never goes into it.
	return Object.entries(diff)
		.map(([key, value]) =>
			describeEntry(
				tokenShaped(key) ? 'redacted' : keyName(key),
				(isSecretKey(key) || (typeof value === 'string' && tokenShaped(value))) && typeof value !== 'boolean' && value !== null ? 'redacted' : value,
			),
		)
		.join('-');
}

/**
 * `<framework>-<NN>-<what differs from the baseline>`, e.g. `vllm-03-max-num-seqs-64`. The index
 * keeps ids unique; the description names every flag that differs from the baseline (a key every
 * searched candidate shares still changed what ran: `vllm-01-no-enable-dbo` that also set
 * `--max-num-batched-tokens 1024` hid it), with key initials when that gets long. Safe as a
 * directory name.
 */
export function candidateId(framework: string, index: number, diff: Flags): string {
	const prefix = `${framework}-${String(index).padStart(2, '0')}`;
	const shown = diff;
	if (index === 0 || Object.keys(shown).length === 0) {
		return `${prefix}-baseline`;
	}

	let description = describe(shown, key => slug(key));
	if (description.length > maxDescriptionLength) {
		description = describe(shown, key => initials(key));
	}

	if (description.length > maxDescriptionLength) {
		description = description.slice(0, maxDescriptionLength).replace(/-+$/, '');
	}

	return `${prefix}-${description}`;
}
