import type {CliAdapter} from '../adapter.js';

/** vLLM: dashed flags, model as the first positional; only `--help=all` lists every flag. */
export const vllmCli: CliAdapter = {
	defaultServerCommand: ['vllm', 'serve'],
	modelArgument: 'positional',
	flagName: key => `--${key.replaceAll('_', '-')}`,
	hostFlag: '--host',
	portFlag: '--port',
	helpCommand: serverCommand => [...serverCommand, '--help=all'],
	helpFilePattern: /vllm.*serve/i,
	helpFileGlob: 'vllm*serve*',
	benchmarkHelpCommand: ['vllm', 'bench', 'serve', '--help=all'],
};
