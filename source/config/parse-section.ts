import * as v from 'valibot';
import type {IssueSink} from './issue-sink.js';
import type {PathSegment} from './yaml-source.js';

const typeWords: Readonly<Record<string, string>> = {
	Object: 'a mapping',
	Array: 'a list',
	number: 'a number',
	string: 'text',
	boolean: 'true or false',
	null: 'null',
	undefined: 'nothing',
};

/** valibot's `"eight"` / `Object` / `(number | null)` in words an operator reads. */
function words(text: string): string {
	return text.replaceAll(/\b(Object|Array|number|string|boolean|null|undefined)\b/g, word => typeWords[word] ?? word);
}

function message(issue: v.BaseIssue<unknown>): string {
	if (issue.kind === 'schema' && issue.expected !== null && !issue.message.startsWith('must')) {
		if (issue.received === 'undefined') {
			return issue.expected.startsWith('"') ? 'is required' : `is required (${words(issue.expected)})`;
		}

		return `expected ${words(issue.expected)}, got ${words(issue.received)}`;
	}

	return issue.message;
}

/**
 * Parses one section with valibot, reporting every issue at its YAML path. A union's sub-issues
 * are not expanded: "expected (a number | a list)" already says what fits.
 */
export function parseSection<T extends v.GenericSchema>(sink: IssueSink, schema: T, value: unknown, path: readonly PathSegment[]): v.InferOutput<T> | null {
	const result = v.safeParse(schema, value, {abortEarly: false});
	if (result.success) {
		return result.output;
	}

	for (const issue of result.issues) {
		const issuePath = (issue.path ?? []).map(item => item.key as PathSegment);
		sink.error([...path, ...issuePath], message(issue));
	}

	return null;
}
