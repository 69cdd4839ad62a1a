import type {FrameworkName} from '../../frameworks/framework-name.js';
import {parseOptionRows} from './option-rows.js';
import type {HelpFlag, ParsedHelp} from './parsed-help.js';
import {parseUsageBlock} from './usage-block.js';

export type {HelpFlag, ParsedHelp} from './parsed-help.js';
export {lookupFlag} from './parsed-help.js';

/**
 * Reads a captured `--help` text: SGLang argparse (one `options:` section and a full usage block),
 * vLLM `--help=all` (argparse groups such as `CacheConfig:`, `--x, --no-x` booleans) and TensorRT-LLM
 * click (`Options:`, `--tp_size INTEGER`, `[a|b]` choices, `--x / --no-x`). The row grammar is
 * shared; what differs is how names match later (see lookupFlag).
 */
export function parseHelp(framework: FrameworkName, text: string, files: readonly string[] = []): ParsedHelp {
	const flags = new Map<string, HelpFlag>();
	parseOptionRows(text, flags);
	// Click has no enumerating usage line; argparse's completes a capture whose rows were cut.
	if (framework !== 'tensorrt_llm') {
		parseUsageBlock(text, flags);
	}

	return {framework, flags, source: 'help', files};
}

/**
 * A capture that lists no server flags: `vllm serve --help` without `=all` (only "Config Groups"),
 * or `trtllm-serve --help` (the click group: only Commands). Checking against it would reject
 * every flag, so the caller falls back to the catalog and says why.
 */
export function unusableHelpReason(framework: FrameworkName, text: string, help: ParsedHelp): string | null {
	if (help.flags.size >= 5) {
		return null;
	}

	if (framework === 'vllm' && /Config Groups:/i.test(text)) {
		return "it is 'vllm serve --help' (config groups only); capture 'vllm serve --help=all'";
	}

	if (/^Commands:/m.test(text)) {
		return "it is the command-group help; capture the server subcommand's help (e.g. 'trtllm-serve serve --help')";
	}

	return `it lists only ${help.flags.size} option(s)`;
}
