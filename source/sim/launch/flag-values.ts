import type {ParsedFlags} from '../cli/parse-args.js';

/** A flag value the framework's own parser would refuse (argparse `invalid int value`, click `is not a valid integer`). */
export class FlagValueError extends Error {
	constructor(
		readonly flag: string,
		readonly value: string,
		readonly type: 'int' | 'float',
	) {
		super(`invalid ${type} value: '${value}'`);
	}
}

/** vLLM's human-readable ints: 1k = 1000, 1K = 1024, also m/M, g/G. */
function humanInt(text: string): number {
	const match = /^(\d+(?:\.\d+)?)([kKmMgG]?)$/.exec(text.trim());
	if (!match) {
		return Number.NaN;
	}

	const unit = match[2] ?? '';
	const power = {'': 0, k: 1, m: 2, g: 3}[unit.toLowerCase() as '' | 'k' | 'm' | 'g'];
	const base = unit !== '' && unit === unit.toUpperCase() ? 1024 : 1000;
	return Math.round(Number(match[1]) * base ** power);
}

export function readInt(flags: ParsedFlags, name: string, fallback: number, human = false): number {
	const raw = flags.get(name);
	if (raw === undefined || typeof raw === 'boolean') {
		return fallback;
	}

	const text = Array.isArray(raw) ? raw[0]! : raw;
	const value = human ? humanInt(text) : Number(text);
	if (!Number.isInteger(value)) {
		throw new FlagValueError(name, text, 'int');
	}

	return value;
}

export function readFloat(flags: ParsedFlags, name: string, fallback: number): number {
	const raw = flags.get(name);
	if (raw === undefined || typeof raw === 'boolean') {
		return fallback;
	}

	const text = Array.isArray(raw) ? raw[0]! : raw;
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value)) {
		throw new FlagValueError(name, text, 'float');
	}

	return value;
}

export function readString(flags: ParsedFlags, name: string): string | undefined {
	const raw = flags.get(name);
	if (typeof raw === 'string') {
		return raw;
	}

	return Array.isArray(raw) ? raw.join(' ') : undefined;
}

export function readBool(flags: ParsedFlags, name: string, fallback = false): boolean {
	const raw = flags.get(name);
	return typeof raw === 'boolean' ? raw : fallback;
}
