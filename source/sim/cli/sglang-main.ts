import {serveMain, stdio} from '../launch/serve-main.js';
import {sglangServe} from './sglang-cli.js';

/** `sglang serve ...` — same parser as `python -m sglang.launch_server`, without the deprecation warning. */
export async function sglangMain(argv: readonly string[]): Promise<number> {
	if (argv[0] === 'serve') {
		return serveMain(argv.slice(1), sglangServe(false));
	}

	stdio.err(`usage: sglang [-h] {serve,version} ...\nsglang: error: argument command: invalid choice: '${argv[0] ?? ''}' (choose from 'serve', 'version')`);
	return 2;
}
