import type {CliAdapter} from '../adapter.js';

/** TensorRT-LLM: click, flags keep their underscores (`--tp_size`); click rejects dashed spellings. */
export const tensorrtLlmCli: CliAdapter = {
	name: 'tensorrt_llm',
	defaultServerCommand: ['trtllm-serve', 'serve'],
	modelArgument: 'positional',
	flagName: key => `--${key}`,
	helpArgs: ['--help'],
	helpFilePattern: /(trtllm|tensorrt[_-]?llm).*serve/i,
	sequenceLimitKeys: ['max_seq_len'],
};
