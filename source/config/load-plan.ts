import {readFile} from 'node:fs/promises';
import process from 'node:process';
import {checkDocument} from './check-document.js';
import {IssueSink} from './issue-sink.js';
import type {ConfigIssue, Plan} from './plan.js';
import {parseYamlSource} from './yaml-source.js';

export {formatIssue} from './issue-sink.js';

export type LoadResult = {plan: Plan | null; issues: ConfigIssue[]};

/**
 * Loads either config shape (SPEC §3) into a Plan. Never throws for bad input: every problem of
 * the file comes back at once, each with file, YAML path and line. `plan` is null when any issue
 * is an error; warnings alone leave it set.
 */
export async function loadPlan(file: string): Promise<LoadResult> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
		return {plan: null, issues: [{file, path: '(file)', line: null, message: `cannot read the config: ${reason}`, severity: 'error'}]};
	}

	return loadPlanText(text, file);
}

/** Same as loadPlan for text already in memory (the TUI wizard); `fileLabel` names it in issues. */
export async function loadPlanText(text: string, fileLabel: string, baseDir = process.cwd()): Promise<LoadResult> {
	const source = parseYamlSource(text, fileLabel);
	const sink = new IssueSink(source);
	const plan = await checkDocument(source, sink, baseDir);
	return {plan, issues: sink.issues};
}
