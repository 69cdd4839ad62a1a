import {frameworkAdapter, type FrameworkName} from '../../frameworks/registry.js';
import {parseOptionRows} from './option-rows.js';
import type {HelpFlag, ParsedHelp} from './parsed-help.js';
import {parseUsageBlock} from './usage-block.js';

export type {HelpFlag, ParsedHelp} from './parsed-help.js';
export {lookupFlag} from './parsed-help.js';

/**
 * Reads a captured `--help` text, argparse (an `options:` section or groups, a usage block) or
 * click (`Options:`, `--x / --no-x`, `[a|b]` choices). The row grammar is shared; what differs per
 * framework is its HelpDialect (frameworks/<name>/help.ts): whether the usage block lists the
 * options, and how names match later (see lookupFlag).
 */
export function parseHelp(framework: FrameworkName, text: string, files: readonly string[] = []): ParsedHelp {
	const flags = new Map<string, HelpFlag>();
	const dialect = frameworkAdapter(framework).help;
	parseOptionRows(text, flags, dialect.rowIndent);
	// Click has no enumerating usage line; argparse's completes a capture whose rows were cut.
	if (dialect.usageBlockListsFlags) {
		parseUsageBlock(text, flags);
	}

	return {framework, flags, source: 'help', files};
}

/**
 * A capture that lists no server flags (a help that shows only config groups, or a command
 * group's help that lists only subcommands). Checking against it would reject every flag, so the
 * caller falls back to the catalog and says why; the dialect names the known wrong captures.
 */
export function unusableHelpReason(framework: FrameworkName, text: string, help: ParsedHelp): string | null {
	if (help.flags.size >= 5) {
		return null;
	}

	const known = frameworkAdapter(framework).help.unusableReason?.(text);
	if (known) {
		return known;
	}

	if (/^Commands:/m.test(text)) {
		return "it is the command-group help; capture the server subcommand's help";
	}

	return `it lists only ${help.flags.size} option(s)`;
}
