import {resolveVllm} from '../launch/vllm-resolve.js';
import {serveMain, stdio, type ServeSpec} from '../launch/serve-main.js';
import {loadWorld} from '../world.js';
import {flagSpecs} from './flag-spec.js';
import {vllmServeHelp, vllmServeUsage} from './help-vllm.js';
import {parseArgparse} from './parse-args.js';

const topUsage = 'usage: vllm [-h] [-v] {chat,complete,serve,bench,collect-env,run-batch} ...';

export const vllmServe: ServeSpec = {
	parse: argv => parseArgparse(argv, flagSpecs('vllm'), {prog: 'vllm serve', maxPositionals: 1, underscoreToDash: true, allowAbbrev: false}),
	help: topic => vllmServeHelp(topic),
	usageError: message => `${vllmServeUsage}\nvllm serve: error: ${message}`,
	flagValueError: error =>
		`${vllmServeUsage}\nvllm serve: error: argument ${error.flag}: invalid ${error.type === 'int' ? 'human_readable_int' : 'float'} value: '${error.value}'`,
	resolve: resolveVllm,
};

/** The `vllm` executable of the simulated box. */
export async function vllmMain(argv: readonly string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (command === '--version' || command === '-v') {
		stdio.out(loadWorld().versions.vllm);
		return 0;
	}

	if (command === undefined || command === '-h' || command === '--help') {
		stdio.out(
			`${topUsage}\n\nvLLM CLI\n\npositional arguments:\n  {chat,complete,serve,bench,collect-env,run-batch}\n    chat                Generate chat completions via the running API server.\n    complete            Generate text completions based on the given prompt via the running API server.\n    serve               Launch a local OpenAI-compatible API server to serve LLM\n    bench               vLLM bench subcommand.\n    collect-env         Start collecting environment information.\n    run-batch           Run batch prompts and write results to file.\n\noptions:\n  -h, --help            show this help message and exit\n  -v, --version         show program's version number and exit`,
		);
		return command === undefined ? 1 : 0;
	}

	if (command === 'serve') {
		return serveMain(rest, vllmServe);
	}

	if (['chat', 'complete', 'bench', 'collect-env', 'run-batch'].includes(command)) {
		stdio.err(`vllm ${command}: not available on the simulated GPU box (only serve, --version and --help are simulated)`);
		return 1;
	}

	stdio.err(
		`${topUsage}\nvllm: error: argument subparser: invalid choice: '${command}' (choose from 'chat', 'complete', 'serve', 'bench', 'collect-env', 'run-batch')`,
	);
	return 2;
}
