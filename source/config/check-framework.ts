import * as v from 'valibot';
import type {SectionIssue} from '../frameworks/adapter.js';
import {frameworkAdapter, type FrameworkName} from '../frameworks/registry.js';
import {splitShellWords} from '../shell/shell-words.js';
import {checkSequenceLimits, type SequenceContext} from './check-sequence-limits.js';
import type {IssueSink} from './issue-sink.js';
import {parseSection} from './parse-section.js';
import type {FlagValue, Flags, FrameworkPlan} from './plan.js';
import {FrameworkSectionSchema, type RawFramework} from './raw-schemas.js';
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
		sink.error(
			path,
			`expected a mapping with enabled, base_server_flags, search_space, got ${raw === null ? 'nothing' : Array.isArray(raw) ? 'a list' : typeof raw}`,
		);
		return null;
	}

	const rules = frameworkAdapter(name).config;
	// A framework may accept keys of its own beside the shared ones (openai_compatible: ready_path…).
	const schema = rules.settingsSchema ? v.object({...FrameworkSectionSchema.entries, ...rules.settingsSchema.entries}) : FrameworkSectionSchema;
	checkUnknownKeys(sink, raw, schema, path);
	const parsed = parseSection(sink, schema, raw, path);
	if (parsed === null) {
		return null;
	}

	const section = parsed as RawFramework;
	const settingsKeys = Object.keys(rules.settingsSchema?.entries ?? {});
	const settings = Object.fromEntries(
		settingsKeys.filter(key => (parsed as Record<string, unknown>)[key] !== undefined).map(key => [key, (parsed as Record<string, unknown>)[key]]),
	);
	const before = sink.errorCount;
	const report = (issues: readonly SectionIssue[]) => {
		for (const issue of issues) {
			(issue.severity === 'error' ? sink.error.bind(sink) : sink.warn.bind(sink))([...path, ...issue.path], issue.message);
		}
	};

	const serverCommand = readServerCommand(sink, context.shape, name, section.server_command, [...path, 'server_command']);
	const baseFlags = readBaseFlags(sink, section.base_server_flags ?? {}, [...path, 'base_server_flags']);
	const searchSpace = readSearchSpace(sink, section.search_space ?? {}, [...path, 'search_space']);
	report(rules.checkSettings?.(settings, context.shape) ?? []);

	if (section.enabled) {
		checkSequenceLimits(sink, context, name, baseFlags, searchSpace, path);
		report(rules.checkSection?.({shape: context.shape, backendPolicy: section.backend_policy, baseFlags, searchSpace}) ?? []);
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
		backendPolicy: section.backend_policy ?? rules.defaultBackendPolicy ?? null,
		versionManifest,
		settings,
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
		const fallback = frameworkAdapter(name).cli.defaultServerCommand;
		if (fallback.length === 0) {
			sink.error(path, "is required: this framework has no standard server command; give the server's own, e.g. 'text-generation-launcher' or 'llama-server'");
			return null;
		}

		if (shape === 'cookbook') {
			sink.error(path, `is required in a cookbook config, e.g. '${fallback.join(' ')}'`);
			return null;
		}

		return fallback;
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
			// docs/candidates.md: a scalar search value counts as a one-element list.
			entries.push([key, [value as FlagValue], false]);
		}
	}

	return entries;
}
