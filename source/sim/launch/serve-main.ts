import type {ParseOutcome} from '../cli/parse-args.js';
import {loadWorld, stateDir, type World} from '../world.js';
import {FlagValueError} from './flag-values.js';
import {visibleGpus} from './gpu-context.js';
import type {Resolution} from './launch-plan.js';
import {runServer, type Output} from './run-server.js';
import type {ParsedFlags} from '../cli/parse-args.js';

export const stdio: Output = {
	out: line => process.stdout.write(`${line}\n`),
	err: line => process.stderr.write(`${line}\n`),
};

export type ServeSpec = {
	parse(argv: readonly string[], world: World): ParseOutcome;
	/** Full help text for `--help` (topic = what followed `--help=`). */
	help(topic: string, world: World): {text: string; ok: boolean};
	/** Usage + error in the CLI library's wording (argparse or click). */
	usageError(message: string): string;
	flagValueError(error: FlagValueError): string;
	resolve(flags: ParsedFlags, positionals: string[], world: World, gpus: number[], stateDirectory: string): Resolution;
};

/** The shared life of `vllm serve`, `python -m sglang.launch_server` and `trtllm-serve serve`. */
export async function serveMain(argv: readonly string[], spec: ServeSpec, output: Output = stdio): Promise<number> {
	let world: World;
	try {
		world = loadWorld();
	} catch (error) {
		output.err(`simulated GPU box: ${(error as Error).message}`);
		return 1;
	}

	const parsed = spec.parse(argv, world);
	if (!parsed.ok) {
		output.err(spec.usageError(parsed.message));
		return 2;
	}

	if (parsed.help !== null) {
		const help = spec.help(parsed.help, world);
		(help.ok ? output.out : output.err)(help.text.replace(/\n$/, ''));
		return help.ok ? 0 : 1;
	}

	const directory = stateDir();
	let resolution: Resolution;
	try {
		resolution = spec.resolve(parsed.flags, parsed.positionals, world, visibleGpus(world, process.env), directory);
	} catch (error) {
		if (error instanceof FlagValueError) {
			output.err(spec.flagValueError(error));
			return 2;
		}

		throw error;
	}

	if (!resolution.ok) {
		const {failure} = resolution;
		for (const line of failure.logBefore) {
			output.err(line);
		}

		for (const line of failure.errorLines) {
			output.err(line);
		}

		return failure.exitCode;
	}

	return runServer(resolution.plan, world, directory, output);
}
