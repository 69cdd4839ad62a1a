import type {HelpDialect} from '../adapter.js';

/** argparse: one `options:` section and a usage block listing every option; names match exactly. */
export const sglangHelp: HelpDialect = {
	usageBlockListsFlags: true,
	lookup: (flags, flag) => flags.get(flag),
	catalogNegatable: () => false,
	catalogFile: 'sglang.txt',
};
