import {frameworkAdapter, type FrameworkName} from '../../frameworks/registry.js';

export type HelpFlag = {
	/** Whether the option consumes a value (`--tp-size N`) or is a bare switch (`--trust-remote-code`). */
	readonly takesValue: boolean;
	readonly choices: string[] | null;
	/** `--x, --no-x` (argparse BooleanOptionalAction) or click `--x / --no-x`. */
	readonly negatable: boolean;
	/** The help section the option is listed under (`CacheConfig`, `options`, `Options`). */
	readonly group: string | null;
};

/** What a server CLI accepts, keyed by full option string (`--tp-size`, `-tp`). */
export type ParsedHelp = {
	readonly framework: FrameworkName;
	readonly flags: Map<string, HelpFlag>;
	readonly source: 'help' | 'catalog';
	/** The help files (or catalog file) the flags came from. */
	readonly files: readonly string[];
};

/** Looks a flag up the way the framework's own parser would (its HelpDialect.lookup). */
export function lookupFlag(help: ParsedHelp, flag: string): HelpFlag | undefined {
	return frameworkAdapter(help.framework).help.lookup(help.flags, flag);
}
