import type {CliAdapter} from '../adapter.js';

/** SGLang: argparse, dashed flags, model as --model-path, no `--no-X` forms. */
export const sglangCli: CliAdapter = {
	defaultServerCommand: ['python', '-m', 'sglang.launch_server'],
	modelArgument: 'flag',
	modelFlag: '--model-path',
	flagName: key => `--${key.replaceAll('_', '-')}`,
	hostFlag: '--host',
	portFlag: '--port',
	helpCommand: serverCommand => [...serverCommand, '--help'],
	helpFilePattern: /sglang.*launch/i,
	helpFileGlob: 'sglang*launch*',
	benchmarkHelpCommand: ['python3', '-m', 'sglang.bench_serving', '--help'],
};
