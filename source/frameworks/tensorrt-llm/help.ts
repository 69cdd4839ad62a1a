import type {HelpDialect} from '../adapter.js';
import {pytorchBackendMissing} from './backend-policy.js';

/**
 * `trtllm-serve serve --help` is click: `Options:`, `--tp_size INTEGER`, `[a|b]` choices,
 * `--x / --no-x`; its usage line lists no options, and names match exactly.
 */
export const tensorrtLlmHelp: HelpDialect = {
	usageBlockListsFlags: false,
	lookup: (flags, flag) => flags.get(flag),
	catalogNegatable: () => false,
	catalogFile: 'tensorrt_llm.txt',
	unusableReason: text => (/^Commands:/m.test(text) ? "it is the command-group help; capture the server subcommand's help: 'trtllm-serve serve --help'" : null),
	environmentProblem: pytorchBackendMissing,
};
