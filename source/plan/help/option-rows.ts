import type {HelpFlag} from './parsed-help.js';

/**
 * Parses the option rows of argparse, click and clap help: a row starts with a few spaces (how
 * many is the dialect's `rowIndent`; argparse and click use 2–4, clap 6 for long-only options)
 * and a dash; the option column ends at the first run of two spaces (where the description
 * starts), unless it ends in a comma (a short option aligned apart from its long one: `-m,    --model`).
 * Group headers are unindented lines ending in `:` (`options:`, `CacheConfig:`, `Options:`).
 * Descriptions are never searched for flag names: a flag mentioned in prose is not accepted.
 */
const headerPattern = /^([A-Za-z][\w .()/-]*):\s*$/;

export type RowIndent = {readonly min: number; readonly max: number};

export function parseOptionRows(text: string, flags: Map<string, HelpFlag>, indent: RowIndent = {min: 1, max: 4}): void {
	const rowPattern = new RegExp(`^ {${indent.min},${indent.max}}(-{1,2}[A-Za-z0-9][^\\s,]*.*)$`);
	let group: string | null = null;
	for (const line of text.split(/\r?\n/)) {
		const header = headerPattern.exec(line);
		if (header) {
			group = header[1]!;
			continue;
		}

		const row = rowPattern.exec(line);
		if (!row) {
			continue;
		}

		const [first = '', ...rest] = row[1]!.split(/ {2,}|\t/);
		let column = first.trim();
		while (column.endsWith(',') && rest.length > 0) column = `${column} ${rest.shift()!.trim()}`;
		addOptionColumn(column, group, flags);
	}
}

/** `--a A, -b A` / `--x, --no-x` / `--x / --no-x` / `--backend [pytorch|tensorrt]` / `--mode {a,b}`. */
export function addOptionColumn(column: string, group: string | null, flags: Map<string, HelpFlag>): void {
	const names: string[] = [];
	let takesValue = false;
	let choices: string[] | null = null;
	for (const part of column.split(/\s+\/\s+|,\s+(?=-)/)) {
		const [name, ...metavar] = part.trim().split(/\s+/);
		if (name === undefined || !name.startsWith('-')) {
			continue;
		}

		names.push(name.replace(/=.*$/, ''));
		if (metavar.length > 0) {
			takesValue = true;
			choices ??= readChoices(metavar.join(' '));
		}
	}

	const negatable = names.some(name => name.startsWith('--no-') && names.includes(`--${name.slice(5)}`));
	for (const name of names) {
		if (name === '-h' || name === '--help') {
			continue;
		}

		flags.set(name, {takesValue, choices, negatable, group});
	}
}

function readChoices(metavar: string): string[] | null {
	const braces = /^\{([^}]*)\}/.exec(metavar);
	if (braces) {
		return braces[1]!
			.split(',')
			.map(choice => choice.trim())
			.filter(Boolean);
	}

	const brackets = /^\[([^\]\s]*\|[^\]\s]*)\]$/.exec(metavar);
	return brackets ? brackets[1]!.split('|').filter(Boolean) : null;
}
