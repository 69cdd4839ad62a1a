import {UsageError} from '../errors.js';

export type RunArgs = {
	positional: string[];
	recipe?: string;
	outputDir?: string;
	resume?: string | true;
	headless: boolean;
	yes: boolean;
	serveWs?: string;
};

/** `run`/`demo` options; `--resume` takes an optional RUN_DIR (the next word unless it is a flag). */
export function parseRunArgs(argv: readonly string[], allowed: ReadonlySet<string>): RunArgs {
	const args: RunArgs = {positional: [], headless: false, yes: false};
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i]!;
		const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
		if (!flag.startsWith('-')) {
			args.positional.push(word);
			continue;
		}

		if (!allowed.has(flag)) throw new UsageError(`unknown option ${flag}; valid: ${[...allowed].join(', ')}`);
		const value = (optional = false): string | undefined => {
			if (inline !== undefined) return inline;
			const next = argv[i + 1];
			if (next === undefined || next.startsWith('-')) {
				if (optional) return undefined;
				throw new UsageError(`${flag} needs a value`);
			}

			i++;
			return next;
		};

		switch (flag) {
			case '--recipe': args.recipe = value(); break;
			case '--output-dir': args.outputDir = value(); break;
			case '--resume': args.resume = value(true) ?? true; break;
			case '--headless': args.headless = true; break;
			case '--yes': case '-y': args.yes = true; break;
			case '--serve-ws': args.serveWs = value(); break;
			default: throw new UsageError(`unknown option ${flag}`);
		}
	}

	return args;
}
