import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../errors.js';
import type {ResultRow} from '../results/result-row.js';
import {rowKey} from '../results/result-row.js';
import {artifactNames, readJsonl} from './artifacts.js';

export const abortMarker = 'run aborted';

/** `--resume` without a directory: the newest run under the output directory. */
export function newestRunDir(outputDir: string): string {
	const runs = fs.existsSync(outputDir)
		? fs.readdirSync(outputDir, {withFileTypes: true}).filter(e => e.isDirectory() && fs.existsSync(path.join(outputDir, e.name, artifactNames.events))).map(e => e.name).sort()
		: [];
	const newest = runs.at(-1);
	if (!newest) throw new UserError(`--resume: no run directory under ${outputDir} (looked for */${artifactNames.events}). Pass the run directory: --resume RUN_DIR.`);
	return path.join(outputDir, newest);
}

/**
 * Rows already known in a run directory, without duplicates. Rows that only say "run aborted" are
 * dropped (and the file rewritten without them): those candidates did not finish and run again.
 */
export function loadDoneRows(runDir: string): ResultRow[] {
	const file = path.join(runDir, artifactNames.results);
	const all = readJsonl<ResultRow>(file);
	const seen = new Set<string>();
	const kept: ResultRow[] = [];
	for (const row of all) {
		if (!row?.workload || (row.status === 'skipped' && row.failure_reason?.startsWith(abortMarker))) continue;
		const key = rowKey(row);
		if (seen.has(key)) continue;
		seen.add(key);
		kept.push(row);
	}

	if (kept.length !== all.length || (fs.existsSync(file) && !fs.readFileSync(file, 'utf8').endsWith('\n') && all.length > 0)) {
		const temporary = `${file}.tmp`;
		fs.writeFileSync(temporary, kept.map(row => `${JSON.stringify(row)}\n`).join(''));
		fs.renameSync(temporary, file);
	}

	return kept;
}
