import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from '../errors.js';

/** node:util parseArgs with its errors turned into usage errors (exit 2) that name the command. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: readonly string[], options: T) {
	try {
		return parseArgs({args: [...argv], options, allowPositionals: true, strict: true});
	} catch (error) {
		throw new UsageError(`${command}: ${(error as Error).message}. Run 'llm-bench-tui ${command} --help'.`);
	}
}
