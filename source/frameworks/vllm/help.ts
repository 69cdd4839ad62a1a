import type {HelpDialect} from '../adapter.js';

/**
 * `vllm serve --help=all`: argparse groups (`CacheConfig:`), `--x, --no-x` booleans. vLLM's parser
 * rewrites `_` to `-` in the part of an option before the first `.`, so `--max_num_seqs` and
 * `--compilation_config.level` are accepted spellings.
 */
export const vllmHelp: HelpDialect = {
	usageBlockListsFlags: true,
	lookup(flags, flag) {
		const direct = flags.get(flag);
		if (direct !== undefined) return direct;
		const [head = '', ...rest] = flag.split('.');
		return flags.get([head.replaceAll('_', '-'), ...rest].join('.')) ?? flags.get(head.replaceAll('_', '-'));
	},
	// Its booleans are BooleanOptionalAction (`--x, --no-x`) unless the catalog says store_true.
	catalogNegatable: note => !/store_true/.test(note),
	catalogFile: 'vllm.txt',
	unusableReason: text => (/Config Groups:/i.test(text) ? "it is 'vllm serve --help' (config groups only); capture 'vllm serve --help=all'" : null),
};
