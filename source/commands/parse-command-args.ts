import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UsageError} from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export type ParseRules = {
	/** Options whose value may be left out (`--resume [RUN_DIR]`): the next word, unless it is an option. */
	readonly optionalValue?: readonly string[];
	/** String options that may be given as '' (none by default: `--output-dir ''` is a mistake, not ".") */
	readonly allowEmpty?: readonly string[];
	/** At most this many positionals (default: any). */
	readonly maxPositionals?: number;
};

/** The value an optional-value option gets when given bare. */
export const bareValue = '\u0000bare';

/**
 * The one argv parser every command uses: strict (an unknown option, a value given to a boolean
 * such as `--headless=no`, or a missing value is an error, never silently ignored), no empty values,
 * and each error a usage error (exit 2) that names the command and shows its usage instead of a
 * stack trace. Commands parse and check every argument with it before anything starts.
 */
export function parseCommandArgs<const O extends Options>(command: string, usage: string, argv: readonly string[], options: O, rules: ParseRules = {}) {
	const where = command ? `${command}: ` : '';
	const fail = (message: string): never => {
		throw new UsageError(`${where}${message}\n\n${usage}`);
	};

	const args = withBareValues(argv, options, rules.optionalValue ?? []);
	const parsed = (() => {
		try {
			return parseArgs({args, options, allowPositionals: true, strict: true});
		} catch (error) {
			return fail((error as Error).message);
		}
	})();

	for (const [name, value] of Object.entries(parsed.values)) {
		const values = Array.isArray(value) ? value : [value];
		if (values.some(item => typeof item === 'string' && item.trim() === '') && !rules.allowEmpty?.includes(name)) {
			fail(`--${name} '': give a value (an empty one is never meant)`);
		}
	}

	if (rules.maxPositionals !== undefined && parsed.positionals.length > rules.maxPositionals) {
		fail(
			rules.maxPositionals === 0
				? `takes no positional arguments (got '${parsed.positionals.join(' ')}')`
				: `unexpected '${parsed.positionals.slice(rules.maxPositionals).join(' ')}'`,
		);
	}

	return parsed;
}

/** `--resume` followed by an option or nothing gets the bare marker, so parseArgs sees a value. */
function withBareValues(argv: readonly string[], options: Options, optional: readonly string[]): string[] {
	if (optional.length === 0) return [...argv];
	const out: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const word = argv[index]!;
		out.push(word);
		if (word === '--') {
			out.push(...argv.slice(index + 1));
			break;
		}

		const name = word.startsWith('--') && !word.includes('=') ? word.slice(2) : null;
		if (name === null || !optional.includes(name) || options[name]?.type !== 'string') continue;
		const next = argv[index + 1];
		if (next === undefined || next.startsWith('-')) out.push(bareValue);
	}

	return out;
}
