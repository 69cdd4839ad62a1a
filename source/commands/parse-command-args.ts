import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Every command parses its argv the same way: strict (an unknown option is an error, never
 * silently ignored), positionals allowed, and a parse error becomes a usage error (exit 2) that
 * names the command (none for the bare guided TUI) and shows its usage instead of a stack trace.
 */
export function parseCommandArgs<const O extends Options>(command: string, usage: string, argv: readonly string[], options: O) {
	try {
		return parseArgs({args: [...argv], options, allowPositionals: true, strict: true});
	} catch (error) {
		const where = command ? `${command}: ` : '';
		throw new UsageError(`${where}${(error as Error).message}\n\n${usage}`);
	}
}
