import {cliAdapters} from '../frameworks/cli-registry.js';
import type {FrameworkName} from '../frameworks/framework-name.js';
import {splitShellWords} from '../plan/shell-words.js';
import {checkBackendPolicy} from './check-backend-policy.js';
import {checkSequenceLimits, type SequenceContext} from './check-sequence-limits.js';
import type {IssueSink} from './issue-sink.js';
import {parseSection} from './parse-section.js';
import type {FlagValue, Flags, FrameworkPlan} from './plan.js';
import {FrameworkSectionSchema} from './raw-schemas.js';
import {checkUnknownKeys, isMapping} from './unknown-keys.js';
import type {PathSegment} from './yaml-source.js';

const flagKey = /^[A-Za-z][A-Za-z0-9_.-]*$/;

type SearchEntry = readonly [key: string, values: readonly FlagValue[], wasList: boolean];

/** One `frameworks.<key>` section → FrameworkPlan, reporting every problem at its YAML path. */
export function checkFramework(
	sink: IssueSink,
	context: SequenceContext,
	name: FrameworkName,
	raw: unknown,
	path: readonly PathSegment[],
	versionManifest: Readonly<Record<string, unknown>> | null,
): FrameworkPlan | null {
	if (!isMapping(raw)) {
		sink.error(path, `expected a mapping with enabled, base_server_flags, search_space, got ${raw === null ? 'nothing' : Array.isArray(raw) ? 'a list' : typeof raw}`);
		return null;
	}

	checkUnknownKeys(sink, raw, FrameworkSectionSchema, path);
	const section = parseSection(sink, FrameworkSectionSchema, raw, path);
	if (section === null) {
		return null;
	}

	const before = sink.errorCount;
	const serverCommand = readServerCommand(sink, context.shape, name, section.server_command, [...path, 'server_command']);
	const baseFlags = readBaseFlags(sink, section.base_server_flags ?? {}, [...path, 'base_server_flags']);
	const searchSpace = readSearchSpace(sink, section.search_space ?? {}, [...path, 'search_space']);

	if (section.enabled) {
		checkSequenceLimits(sink, context, name, baseFlags, searchSpace, path);
		if (name === 'tensorrt_llm') {
			checkBackendPolicy(sink, context.shape, section.backend_policy, baseFlags, searchSpace, path);
		}
	}

	if (sink.errorCount > before || serverCommand === null) {
		return null;
	}

	return {
		name,
		yamlKey: String(path.at(-1)),
		enabled: section.enabled,
		serverCommand,
		baseFlags,
		searchSpace: searchSpace.map(([key, values]) => [key, values] as const),
		backendPolicy: section.backend_policy ?? (name === 'tensorrt_llm' ? 'fixed_pytorch' : null),
		versionManifest,
	};
}

function readServerCommand(
	sink: IssueSink,
	shape: 'cookbook' | 'runtime',
	name: FrameworkName,
	value: string | string[] | undefined,
	path: readonly PathSegment[],
): readonly string[] | null {
	if (value === undefined) {
		if (shape === 'cookbook') {
			sink.error(path, `is required in a cookbook config, e.g. '${cliAdapters[name].defaultServerCommand.join(' ')}'`);
			return null;
		}

		return cliAdapters[name].defaultServerCommand;
	}

	const words = typeof value === 'string' ? splitShellWords(value) : value;
	if (!Array.isArray(words)) {
		sink.error(path, `cannot be split like a shell command: ${words.error}`);
		return null;
	}

	if (words.length === 0) {
		sink.error(path, 'must not be empty');
		return null;
	}

	return words;
}

function readBaseFlags(sink: IssueSink, raw: Record<string, unknown>, path: readonly PathSegment[]): Flags {
	const flags: Record<string, FlagValue> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (!flagKey.test(key)) {
			sink.error([...path, key], `'${key}' is not a flag name: use the flag without dashes, e.g. tp_size`);
			continue;
		}

		flags[key] = value as FlagValue;
	}

	return flags;
}

function readSearchSpace(sink: IssueSink, raw: Record<string, unknown>, path: readonly PathSegment[]): SearchEntry[] {
	const entries: SearchEntry[] = [];
	for (const [key, value] of Object.entries(raw)) {
		const at = [...path, key];
		if (!flagKey.test(key)) {
			sink.error(at, `'${key}' is not a flag name: use the flag without dashes, e.g. max_num_seqs`);
		} else if (isMapping(value)) {
			sink.error(at, 'expected a list of values (or one value), got a mapping; to search a JSON-valued flag, wrap each mapping in a list: [{...}, {...}]');
		} else if (Array.isArray(value)) {
			if (value.length === 0) {
				sink.error(at, 'needs at least one value; remove the key to keep the base value');
			} else {
				entries.push([key, value as FlagValue[], true]);
			}
		} else {
			// SPEC §4: a scalar search value counts as a one-element list.
			entries.push([key, [value as FlagValue], false]);
		}
	}

	return entries;
}
