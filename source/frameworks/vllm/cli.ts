import type {CliAdapter} from '../adapter.js';

/** vLLM: dashed flags, model as the first positional; only `--help=all` lists every flag. */
export const vllmCli: CliAdapter = {
	name: 'vllm',
	defaultServerCommand: ['vllm', 'serve'],
	modelArgument: 'positional',
	flagName: key => `--${key.replaceAll('_', '-')}`,
	helpArgs: ['--help=all'],
	helpFilePattern: /vllm.*serve/i,
	sequenceLimitKeys: ['max_model_len'],
};
