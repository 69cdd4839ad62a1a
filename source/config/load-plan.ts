import process from 'node:process';
import {checkDocument} from './check-document.js';
import {IssueSink} from './issue-sink.js';
import type {ConfigIssue, Plan} from './plan.js';
import {readInputFile} from './read-input-file.js';
import {parseYamlSource, type YamlSource} from './yaml-source.js';

export {formatIssue} from './issue-sink.js';

export type LoadResult = {plan: Plan | null; issues: ConfigIssue[]};

/** LoadResult plus the parsed source, so later checks (flags against help) can name lines too. */
export type LoadedSource = LoadResult & {source: YamlSource | null};

/**
 * Loads either config shape (docs/config.md) into a Plan. Never throws for bad input: every problem of
 * the file comes back at once, each with file, YAML path and line. `plan` is null when any issue
 * is an error; warnings alone leave it set.
 */
export async function loadPlan(file: string): Promise<LoadResult> {
	const {plan, issues} = await loadPlanSource(file);
	return {plan, issues};
}

/** Same as loadPlan for text already in memory (the TUI wizard); `fileLabel` names it in issues. */
export async function loadPlanText(text: string, fileLabel: string, baseDir = process.cwd()): Promise<LoadResult> {
	const {plan, issues} = await loadSourceText(text, fileLabel, baseDir);
	return {plan, issues};
}

export async function loadPlanSource(file: string): Promise<LoadedSource> {
	const read = await readInputFile(file);
	if (!read.ok)
		return {plan: null, source: null, issues: [{file, path: '(file)', line: null, message: `cannot read the config: ${read.reason}`, severity: 'error'}]};
	return loadSourceText(read.text, file, process.cwd());
}

async function loadSourceText(text: string, fileLabel: string, baseDir: string): Promise<LoadedSource> {
	const source = await parseYamlSource(text, fileLabel);
	const sink = new IssueSink(source);
	const plan = await checkDocument(source, sink, baseDir);
	return {plan, issues: sink.issues, source};
}
