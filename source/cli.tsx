import {readFileSync} from 'node:fs';
import process from 'node:process';
import v8 from 'node:v8';
import {commandLoaders} from './commands/registry.js';
import {UserError} from './errors.js';
import {environmentFailure} from './environment-failure.js';

const usage = `llm-bench-tui — compare SGLang, vLLM and TensorRT-LLM on one workload and one SLA

Usage:
  llm-bench-tui                       guided TUI (plan, preflight, live run, results)
  llm-bench-tui run PLAN [...]        run a plan (--headless for JSONL events)
  llm-bench-tui demo [...]            the whole flow on the simulated GPU box
  llm-bench-tui validate PATH...      check configs and render candidates; launches nothing
  llm-bench-tui plan CONFIG           print the bounded candidate list per framework
  llm-bench-tui bench --base-url URL --model M [...]   the built-in load client alone
  llm-bench-tui report ROWS.jsonl...  rank result rows and write the report
  llm-bench-tui import FILE... --from sglang|vllm|trtllm   native results → normalized rows
  llm-bench-tui attach ws://HOST:PORT [--token T]          watch or steer a run remotely

Run 'llm-bench-tui COMMAND --help' for a command's options; --version prints the version.`;

/** The version in package.json (one directory above source/ and above the compiled dist/). */
function packageVersion(): string {
	const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version?: string};
	return manifest.version ?? 'unknown';
}

async function main(argv: readonly string[]): Promise<number> {
	const [first, ...rest] = argv;
	if (first === '--help' || first === '-h' || first === 'help') {
		console.log(usage);
		return 0;
	}

	if (first === '--version' || first === '-V' || first === 'version') {
		console.log(`llm-bench-tui ${packageVersion()}`);
		return 0;
	}

	const isCommand = first !== undefined && !first.startsWith('-');
	const name = isCommand ? first : '';
	const loader = commandLoaders[name];
	if (!loader) {
		console.error(`llm-bench-tui: unknown command '${name}'.\n\n${usage}`);
		return 2;
	}

	const {command} = await loader();
	// Measured with `npm run bench` (startup): ~30 % less CPU for `validate` of 32 configs.
	if (command.shortLived) v8.setFlagsFromString('--no-opt');
	const commandArgv = isCommand ? rest : argv;
	if (commandArgv.includes('--help') || commandArgv.includes('-h')) {
		console.log(`${command.summary}\n\n${command.usage}`);
		return 0;
	}

	return command.run(commandArgv);
}

// `llm-bench-tui plan x.yaml | head` closes stdout early; that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') {
		process.exit(process.exitCode ?? 0);
	}

	// The terminal went away (an ssh disconnect): SIGHUP aborts the run and stops its servers; a
	// write error must not kill the runner first and leave them running.
	if (error.code === 'EIO') return;
	throw error;
});
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code !== 'EIO' && error.code !== 'EPIPE') throw error;
});

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	const fatal = error instanceof UserError ? null : environmentFailure(error);
	if (error instanceof UserError) {
		console.error(`llm-bench-tui: ${error.message}`);
		process.exitCode = error.exitCode;
	} else if (fatal) {
		// The machine, not the input or the code: a full disk, a read-only or vanished folder.
		console.error(`llm-bench-tui: ${fatal}`);
		process.exitCode = 1;
	} else {
		throw error;
	}
}
