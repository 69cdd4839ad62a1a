import type {CliAdapter} from '../adapter.js';

/** SGLang: argparse, dashed flags, model as --model-path, no `--no-X` forms. */
export const sglangCli: CliAdapter = {
	name: 'sglang',
	defaultServerCommand: ['python', '-m', 'sglang.launch_server'],
	modelArgument: 'flag',
	flagName: key => `--${key.replaceAll('_', '-')}`,
	helpArgs: ['--help'],
	helpFilePattern: /sglang.*launch/i,
	sequenceLimitKeys: ['context_length'],
};
