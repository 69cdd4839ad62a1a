import {flagIndex, type FlagSpec} from './flag-spec.js';

/** Parsed values keyed by each flag's primary name. `false` = an explicit `--no-x`. */
export type ParsedFlags = Map<string, string | boolean | string[]>;

export type ParseOutcome =
	| {readonly ok: true; readonly flags: ParsedFlags; readonly positionals: string[]; readonly help: string | null}
	| {readonly ok: false; readonly message: string};

export type ArgparseStyle = {
	readonly prog: string;
	/** How many positionals the command takes (vLLM serve: the optional model_tag). */
	readonly maxPositionals: number;
	/** vLLM rewrites `--max_model_len` to `--max-model-len`. */
	readonly underscoreToDash: boolean;
	/** argparse's allow_abbrev (SGLang keeps the default True). */
	readonly allowAbbrev: boolean;
};

const looksLikeOption = (token: string): boolean => token.startsWith('-') && token.length > 1 && !/^-\d/.test(token);

function display(spec: FlagSpec): string {
	return spec.names.join('/');
}

/**
 * argparse semantics close enough to show the real errors: `--x v`, `--x=v`, store_true, `--no-x`,
 * nargs '+', choices, prefix abbreviation, and the `unrecognized arguments:` list at the end.
 */
export function parseArgparse(argv: readonly string[], specs: readonly FlagSpec[], style: ArgparseStyle): ParseOutcome {
	const index = flagIndex(specs);
	const flags: ParsedFlags = new Map();
	const positionals: string[] = [];
	const unrecognized: string[] = [];
	let help: string | null = null;
	const longNames = [...index.keys()].filter(name => name.startsWith('--'));

	const resolve = (name: string): {spec: FlagSpec; negated: boolean} | {error: string} | undefined => {
		const direct = index.get(name);
		if (direct) {
			return {spec: direct, negated: false};
		}

		if (name.startsWith('--no-')) {
			const positive = index.get(`--${name.slice(5)}`);
			if (positive?.kind === 'pair') {
				return {spec: positive, negated: true};
			}
		}

		if (style.allowAbbrev && name.startsWith('--')) {
			const matches = longNames.filter(candidate => candidate.startsWith(name));
			const distinct = [...new Set(matches.map(match => index.get(match)!))];
			if (distinct.length === 1) {
				return {spec: distinct[0]!, negated: false};
			}

			if (distinct.length > 1) {
				return {error: `ambiguous option: ${name} could match ${matches.join(', ')}`};
			}
		}

		return undefined;
	};

	for (let i = 0; i < argv.length; i++) {
		const token = argv[i]!;
		if (token === '--') {
			positionals.push(...argv.slice(i + 1));
			break;
		}

		if (!looksLikeOption(token)) {
			if (positionals.length < style.maxPositionals) {
				positionals.push(token);
			} else {
				unrecognized.push(token);
			}

			continue;
		}

		let name = token;
		let inline: string | undefined;
		const eq = token.indexOf('=');
		if (eq > 0) {
			name = token.slice(0, eq);
			inline = token.slice(eq + 1);
		}

		if (/^-O\d$/.test(name)) {
			inline = name.slice(2);
			name = '-O';
		}

		if (style.underscoreToDash && name.startsWith('--')) {
			const dot = name.indexOf('.');
			const head = dot > 0 ? name.slice(0, dot) : name;
			name = head.replaceAll('_', '-') + (dot > 0 ? name.slice(dot) : '');
		}

		if (name === '-h' || name === '--help') {
			help = inline ?? '';
			continue;
		}

		const found = resolve(name.includes('.') ? name.slice(0, name.indexOf('.')) : name);
		if (found === undefined) {
			unrecognized.push(token);
			continue;
		}

		if ('error' in found) {
			return {ok: false, message: found.error};
		}

		const {spec, negated} = found;
		const primary = spec.names[0]!;
		if (spec.kind !== 'value') {
			if (inline !== undefined) {
				return {ok: false, message: `argument ${display(spec)}: ignored explicit argument '${inline}'`};
			}

			flags.set(primary, !negated);
			continue;
		}

		const values: string[] = [];
		if (inline !== undefined) {
			values.push(inline);
		} else {
			while (i + 1 < argv.length && !looksLikeOption(argv[i + 1]!)) {
				values.push(argv[++i]!);
				if (spec.nargs !== '+') {
					break;
				}
			}
		}

		if (values.length === 0) {
			return {ok: false, message: `argument ${display(spec)}: expected ${spec.nargs === '+' ? 'at least one argument' : 'one argument'}`};
		}

		for (const value of values) {
			if (spec.choices && !spec.choices.includes(value)) {
				return {ok: false, message: `argument ${display(spec)}: invalid choice: '${value}' (choose from ${spec.choices.map(c => `'${c}'`).join(', ')})`};
			}
		}

		flags.set(primary, spec.nargs === '+' ? values : values[0]!);
	}

	if (help === null && unrecognized.length > 0) {
		return {ok: false, message: `unrecognized arguments: ${unrecognized.join(' ')}`};
	}

	return {ok: true, flags, positionals, help};
}

export type ClickStyle = {
	readonly command: string;
	readonly argument: string;
};

/** difflib-like similarity (2·LCS / total) for click's "Did you mean" hint. */
function similarity(a: string, b: string): number {
	const dp = Array.from({length: a.length + 1}, () => new Array<number>(b.length + 1).fill(0));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
		}
	}

	return (2 * dp[a.length]![b.length]!) / (a.length + b.length);
}

/** click semantics: exact option names only (no `_`/`-` folding), one MODEL argument. */
export function parseClick(argv: readonly string[], specs: readonly FlagSpec[], _style: ClickStyle): ParseOutcome {
	const index = flagIndex(specs);
	const flags: ParsedFlags = new Map();
	const positionals: string[] = [];
	let help: string | null = null;
	for (let i = 0; i < argv.length; i++) {
		const token = argv[i]!;
		if (!looksLikeOption(token)) {
			if (positionals.length >= 1) {
				return {ok: false, message: `Got unexpected extra argument (${token})`};
			}

			positionals.push(token);
			continue;
		}

		const eq = token.indexOf('=');
		const name = eq > 0 ? token.slice(0, eq) : token;
		const inline = eq > 0 ? token.slice(eq + 1) : undefined;
		if (name === '--help') {
			help = '';
			continue;
		}

		let spec = index.get(name);
		let negated = false;
		if (!spec && name.startsWith('--no-')) {
			const positive = index.get(`--${name.slice(5)}`);
			if (positive?.kind === 'pair') {
				spec = positive;
				negated = true;
			}
		}

		if (!spec) {
			const close = [...index.keys()]
				.map(candidate => ({candidate, score: similarity(name, candidate)}))
				.filter(entry => entry.score >= 0.6)
				.sort((a, b) => b.score - a.score)
				.slice(0, 3)
				.map(entry => entry.candidate);
			const hint = close.length === 0 ? '' : close.length === 1 ? ` Did you mean ${close[0]}?` : ` (Possible options: ${close.join(', ')})`;
			return {ok: false, message: `No such option: ${name}${hint}`};
		}

		const primary = spec.names[0]!;
		if (spec.kind !== 'value') {
			flags.set(primary, !negated);
			continue;
		}

		const value = inline ?? argv[++i];
		if (value === undefined) {
			return {ok: false, message: `Option '${name}' requires an argument.`};
		}

		if (spec.choices && !spec.choices.includes(value)) {
			return {ok: false, message: `Invalid value for '${spec.names.join("' / '")}': '${value}' is not one of ${spec.choices.map(c => `'${c}'`).join(', ')}.`};
		}

		flags.set(primary, value);
	}

	return {ok: true, flags, positionals, help};
}
