import {frameworkAdapter, type FrameworkName} from '../frameworks/registry.js';
import type {IssueSink} from './issue-sink.js';
import type {FlagValue, Flags, Scenario} from './plan.js';
import {readLimit} from './sequence-limit.js';
import type {PathSegment} from './yaml-source.js';

export type SequenceContext = {
	readonly shape: 'cookbook' | 'runtime';
	readonly scenarios: readonly Scenario[];
	readonly maxPositionEmbeddings: number | null;
};

/**
 * docs/config.md: the framework's sequence limit must cover the longest scenario (input + output), in the
 * base flags and in every search value. An unset limit means "the model's own maximum".
 */
export function checkSequenceLimits(
	sink: IssueSink,
	context: SequenceContext,
	framework: FrameworkName,
	baseFlags: Flags,
	searchSpace: ReadonlyArray<readonly [string, readonly FlagValue[], boolean]>,
	path: readonly PathSegment[],
): void {
	const rules = frameworkAdapter(framework).config;
	if (context.scenarios.length === 0) {
		return;
	}

	const longest = context.scenarios.reduce((a, b) => (b.inputLen + b.outputLen > a.inputLen + a.outputLen ? b : a));
	const required = longest.inputLen + longest.outputLen;
	const needs = `the longest scenario '${longest.name}' needs ${required} tokens (input ${longest.inputLen} + output ${longest.outputLen})`;

	const checkValue = (value: unknown, at: readonly PathSegment[], key: string) => {
		const limit = readLimit(value);
		if (limit.kind === 'invalid') {
			sink.error(at, `${key} must be a token count (an integer, or 'auto'), got ${JSON.stringify(value)}`);
		} else if (limit.kind === 'tokens' && limit.tokens < required) {
			sink.error(at, `${key} ${limit.tokens} is too small: ${needs}; raise it to at least ${required}`);
		} else if (limit.kind === 'model-default') {
			checkModelDefault(at, key);
		}
	};

	const checkModelDefault = (at: readonly PathSegment[], key: string) => {
		if (rules.unsetSequenceLimit === 'model-default') {
			// Accepted as the reference validator does: the server falls back to the model's own limit.
			if (context.maxPositionEmbeddings !== null && context.maxPositionEmbeddings < required) {
				sink.error(at, `${key} is not set and the model's max_position_embeddings (${context.maxPositionEmbeddings}) is too small: ${needs}`);
			}

			return;
		}

		if (context.shape === 'cookbook') {
			sink.error(at, `${key} must be set in a cookbook config: ${needs}; set it to at least ${required}`);
		} else if (context.maxPositionEmbeddings === null) {
			sink.warn(
				at,
				`${key} is not set and the model's max_position_embeddings could not be read (model.name is not a local directory with config.json): coverage of ${required} tokens is not verified`,
			);
		} else if (context.maxPositionEmbeddings < required) {
			sink.error(at, `${key} is not set and the model's max_position_embeddings (${context.maxPositionEmbeddings}) is too small: ${needs}`);
		}
	};

	for (const key of rules.sequenceLimitKeys) {
		const basePath = [...path, 'base_server_flags', key];
		if (key in baseFlags) {
			checkValue(baseFlags[key], basePath, key);
		} else {
			checkModelDefault(basePath, key);
		}

		const searched = searchSpace.find(([name]) => name === key);
		if (searched) {
			const [, values, wasList] = searched;
			values.forEach((value, index) => {
				checkValue(value, wasList ? [...path, 'search_space', key, index] : [...path, 'search_space', key], key);
			});
		}
	}
}
