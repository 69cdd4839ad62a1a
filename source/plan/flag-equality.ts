import type {FlagValue, Flags} from '../config/plan.js';

/** Deep equality of flag values (mappings compare by key, lists by order); types must match. */
export function sameValue(a: FlagValue | undefined, b: FlagValue | undefined): boolean {
	return canonical(a) === canonical(b);
}

/** A string that is equal for equal flag sets regardless of key order. */
export function flagsKey(flags: Flags): string {
	return canonical(flags);
}

function canonical(value: unknown): string {
	if (Array.isArray(value)) {
		return `[${value.map(item => canonical(item)).join(',')}]`;
	}

	if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
	}

	return value === undefined ? 'undefined' : JSON.stringify(value);
}
