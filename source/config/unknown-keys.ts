import type * as v from 'valibot';
import {didYouMean} from './did-you-mean.js';
import type {IssueSink} from './issue-sink.js';
import type {PathSegment} from './yaml-source.js';

type AnySchema = v.GenericSchema & {readonly entries?: Readonly<Record<string, v.GenericSchema>>; readonly wrapped?: v.GenericSchema};

function unwrap(schema: AnySchema): AnySchema {
	let current = schema;
	while (current.wrapped !== undefined) {
		current = current.wrapped as AnySchema;
	}

	return current;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reports keys that the section's object schema does not declare, naming the valid keys and the
 * nearest one; recurses into nested object sections (e.g. `benchmark.qps`).
 */
export function checkUnknownKeys(sink: IssueSink, value: unknown, schema: v.GenericSchema, path: readonly PathSegment[]): void {
	const entries = unwrap(schema as AnySchema).entries;
	if (entries === undefined || !isMapping(value)) {
		return;
	}

	reportUnknown(sink, value, Object.keys(entries), path);
	for (const [key, entry] of Object.entries(entries)) {
		if (key in value) {
			checkUnknownKeys(sink, value[key], entry, [...path, key]);
		}
	}
}

export function reportUnknown(sink: IssueSink, value: Record<string, unknown>, valid: readonly string[], path: readonly PathSegment[], what = 'key'): void {
	for (const key of Object.keys(value)) {
		if (!valid.includes(key)) {
			sink.error([...path, key], `unknown ${what} '${key}'${didYouMean(key, valid)}; valid: ${valid.join(', ')}`);
		}
	}
}
