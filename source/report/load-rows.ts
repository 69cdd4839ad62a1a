import {readFile} from 'node:fs/promises';
import * as v from 'valibot';
import {UserError} from '../errors.js';
import {ResultRowSchema, type ResultRow} from '../results/result-row.js';

/**
 * Reads results.jsonl files at the report's boundary: every line is checked against the row schema
 * (docs/result-rows.md) and every bad line is reported as `file:line: field: problem`, all at once.
 */

function issuePath(issue: v.BaseIssue<unknown>): string {
	return issue.path?.map(item => String(item.key)).join('.') ?? '(row)';
}

/** Parses JSONL text; returns the rows and the problems found (with `label:line` prefixes). */
export function parseRows(text: string, label: string): {rows: ResultRow[]; problems: string[]} {
	const rows: ResultRow[] = [];
	const problems: string[] = [];
	const lines = text.split(/\r?\n/);
	for (const [index, line] of lines.entries()) {
		if (line.trim() === '') continue;
		const where = `${label}:${index + 1}`;
		let json: unknown;
		try {
			json = JSON.parse(line);
		} catch (error) {
			problems.push(`${where}: not valid JSON (${(error as Error).message})`);
			continue;
		}

		const result = v.safeParse(ResultRowSchema, json);
		if (result.success) {
			rows.push(result.output);
		} else {
			const details = result.issues.slice(0, 3).map(issue => `${issuePath(issue)}: ${issue.message}`);
			problems.push(`${where}: not a result row — ${details.join('; ')}`);
		}
	}

	return {rows, problems};
}

/** Reads and validates row files; throws one UserError listing every malformed line. */
export async function loadRows(files: readonly string[]): Promise<ResultRow[]> {
	const rows: ResultRow[] = [];
	const problems: string[] = [];
	for (const file of files) {
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			problems.push(`${file}: cannot read (${code ?? (error as Error).message})`);
			continue;
		}

		const parsed = parseRows(text, file);
		rows.push(...parsed.rows);
		problems.push(...parsed.problems);
	}

	if (problems.length > 0) {
		const shown = problems.slice(0, 20);
		const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
		throw new UserError(
			`malformed result rows:\n  ${shown.join('\n  ')}${more}\nFix or remove these lines (rows follow docs/result-rows.md; 'llm-bench-tui import' converts native result files).`,
		);
	}

	return rows;
}
