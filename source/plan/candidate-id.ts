import {isSecretKey} from '../secrets/secret-key.js';
import type {Flags} from '../config/plan.js';

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
		.map(([key, value]) => describeEntry(keyName(key), isSecretKey(key) && typeof value !== 'boolean' && value !== null ? 'redacted' : value))
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
