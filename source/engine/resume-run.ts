import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../errors.js';
import type {ResultRow} from '../results/result-row.js';
import {rowKey} from '../results/result-row.js';
import * as v from 'valibot';
import {ResultRowSchema} from '../results/result-row.js';
import {artifactNames} from './artifacts.js';

type BadLine = {line: number; text: string; reason: string};

/** Each line of results.jsonl: a row when it parses and has a row's shape, else a bad line with why. */
function readRowLines(file: string): {rows: ResultRow[]; bad: BadLine[]} {
	const rows: ResultRow[] = [];
	const bad: BadLine[] = [];
	if (!fs.existsSync(file)) return {rows, bad};
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	lines.forEach((text, index) => {
		if (!text.trim()) return;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			bad.push({line: index + 1, text, reason: index === lines.length - 1 ? 'a torn last line (an interrupted write)' : 'not JSON'});
			return;
		}

		const parsed = v.safeParse(ResultRowSchema, value);
		if (parsed.success) rows.push(value as ResultRow);
		else bad.push({line: index + 1, text, reason: `not a result row (${v.getDotPath(parsed.issues[0]) ?? 'top level'}: ${parsed.issues[0].message})`});
	});
	return {rows, bad};
}

export const abortMarker = 'run aborted';

/** `--resume` without a directory: the newest run under the output directory. */
export function newestRunDir(outputDir: string): string {
	const runs = fs.existsSync(outputDir)
		? fs
				.readdirSync(outputDir, {withFileTypes: true})
				.filter(e => e.isDirectory() && fs.existsSync(path.join(outputDir, e.name, artifactNames.events)))
				.map(e => e.name)
				.sort()
		: [];
	const newest = runs.at(-1);
	if (!newest)
		throw new UserError(`--resume: no run directory under ${outputDir} (looked for */${artifactNames.events}). Pass the run directory: --resume RUN_DIR.`);
	return path.join(outputDir, newest);
}

/**
 * A row recording only that the run ended before its candidate ran (cause run-aborted). Rows
 * written before rows carried a cause say so only in words, so those are still recognised by them.
 */
export function isAbortedRow(row: ResultRow): boolean {
	if (row.status !== 'skipped') return false;
	return row.cause ? row.cause.kind === 'run-aborted' : (row.failure_reason?.startsWith(abortMarker) ?? false);
}

/**
 * Rows already known in a run directory, without duplicates. Rows that only say the run was aborted
 * are dropped (and the file rewritten without them): those candidates did not finish and run again.
 */
export function loadDoneRows(runDir: string, warn: (message: string) => void = () => {}): ResultRow[] {
	const file = path.join(runDir, artifactNames.results);
	const {rows: all, bad} = readRowLines(file);
	if (bad.length > 0) {
		// Kept, not lost: a person can look at them; the jobs they would have covered run again.
		fs.appendFileSync(`${file}.corrupt`, bad.map(entry => `${entry.text}\n`).join(''));
		const listed = bad
			.slice(0, 3)
			.map(entry => `line ${entry.line}: ${entry.reason}`)
			.join('; ');
		warn(
			`${bad.length} line(s) of ${artifactNames.results} are not result rows (${listed}${bad.length > 3 ? '; …' : ''}): moved to ${artifactNames.results}.corrupt; the jobs they covered run again`,
		);
	}

	const seen = new Set<string>();
	const kept: ResultRow[] = [];
	for (const row of all) {
		if (!row?.workload || isAbortedRow(row)) continue;
		const key = rowKey(row);
		if (seen.has(key)) continue;
		seen.add(key);
		kept.push(row);
	}

	if (kept.length !== all.length || bad.length > 0 || (fs.existsSync(file) && !fs.readFileSync(file, 'utf8').endsWith('\n') && all.length > 0)) {
		const temporary = `${file}.tmp`;
		fs.writeFileSync(temporary, kept.map(row => `${JSON.stringify(row)}\n`).join(''));
		fs.renameSync(temporary, file);
	}

	return kept;
}
