import type {HelpFlag} from './parsed-help.js';

/**
 * argparse's `usage:` block enumerates every flag (`[--x X]`, `[--mode {a,b}]`, `[--x | --no-x]`);
 * it completes captures whose option list is cut or missing. Only the block itself is read,
 * up to the first blank line.
 */
export function parseUsageBlock(text: string, flags: Map<string, HelpFlag>): void {
	const start = text.search(/^usage: /im);
	if (start < 0) {
		return;
	}

	const end = text.slice(start).search(/\n\s*\n/);
	const block = text.slice(start, end < 0 ? undefined : start + end);
	const token = /\[?(--?[A-Za-z0-9][\w.-]*)(?: (\{[^}]*\}|[A-Z][A-Z0-9_]*|\[[A-Z]))?/g;
	for (const match of block.matchAll(token)) {
		const name = match[1]!;
		if (name === '-h' || name === '--help' || flags.has(name)) {
			continue;
		}

		const metavar = match[2];
		const choices = metavar?.startsWith('{') ? metavar.slice(1, -1).split(',') : null;
		const negatable = name.startsWith('--no-') ? false : block.includes(`--no-${name.slice(2)}`);
		flags.set(name, {takesValue: metavar !== undefined, choices, negatable, group: 'usage'});
	}
}
