import type {HelpDialect} from '../adapter.js';

/**
 * Unknown parser: option rows as argparse, click or clap (TGI) print them, or flush left with the
 * short option aligned apart (llama-server); exact names; no bundled catalog.
 */
export const openAiCompatibleHelp: HelpDialect = {
	usageBlockListsFlags: true,
	rowIndent: {min: 0, max: 6},
	lookup: (flags, flag) => flags.get(flag),
	catalogNegatable: () => false,
	catalogFile: null,
};
