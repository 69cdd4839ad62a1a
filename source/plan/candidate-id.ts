import {createHash} from 'node:crypto';
import type {Flags} from '../config/plan.js';
import {flagsKey} from './flag-equality.js';

const maxDescriptionLength = 64;

function slug(text: string): string {
	return text.toLowerCase().replaceAll(/[^a-z0-9.]+/g, '-').replaceAll(/^-+|-+$/g, '');
}

function shortHash(text: string): string {
	return createHash('sha1').update(text).digest('hex').slice(0, 6);
}

function describeEntry(key: string, value: unknown): string {
	const name = slug(key);
	if (value === true) {
		return name;
	}

	if (value === false || value === null) {
		return `no-${name}`;
	}

	if (typeof value === 'object') {
		return `${name}-${shortHash(JSON.stringify(value))}`;
	}

	return `${name}-${slug(String(value)) || shortHash(String(value))}`;
}

/**
 * `<framework>-<NN>-<what differs from the baseline>`, e.g. `vllm-03-max-num-seqs-64`. Safe as a
 * directory name; a long description is cut and a hash of the whole diff keeps ids distinct.
 */
export function candidateId(framework: string, index: number, diff: Flags): string {
	const prefix = `${framework}-${String(index).padStart(2, '0')}`;
	const entries = Object.entries(diff);
	if (index === 0 || entries.length === 0) {
		return `${prefix}-baseline`;
	}

	const description = entries.map(([key, value]) => describeEntry(key, value)).join('-');
	if (description.length <= maxDescriptionLength) {
		return `${prefix}-${description}`;
	}

	const cut = description.slice(0, maxDescriptionLength).replace(/-[^-]*$/, '');
	return `${prefix}-${cut}-${shortHash(flagsKey(diff))}`;
}
