import type {FlagSpec} from './flag-spec.js';

/** argparse's option column: `--x X, -x X`, `--x {a,b}`, `--x, --no-x`, `--x X [X ...]`. */
export function argparseInvocation(spec: FlagSpec, pairs: boolean): string {
	const [primary] = spec.names;
	if (spec.kind === 'pair' && pairs) {
		return `${primary}, --no-${primary!.slice(2)}${spec.names
			.slice(1)
			.map(name => `, ${name}`)
			.join('')}`;
	}

	if (spec.kind !== 'value') {
		return spec.names.join(', ');
	}

	const metavar = spec.choices ? `{${spec.choices.join(',')}}` : (spec.metavar ?? primary!.replace(/^-+/, '').replaceAll('-', '_').toUpperCase());
	const withArgs = spec.nargs === '+' ? `${metavar} [${metavar} ...]` : metavar;
	return spec.names.map(name => `${name} ${withArgs}`).join(', ');
}

/** argparse HelpFormatter layout: help at column 24, or on the next line when the column is too wide. */
export function argparseEntry(invocation: string, help: string): string {
	const column = 24;
	if (help === '') {
		return `  ${invocation}`;
	}

	if (invocation.length + 2 <= column - 2) {
		return `  ${invocation.padEnd(column - 2)}${help}`;
	}

	return `  ${invocation}\n${' '.repeat(column)}${help}`;
}

/** click's option rows: `  --tp_size INTEGER  help`, aligned on the widest first column (capped). */
export function clickRows(rows: ReadonlyArray<[string, string]>): string {
	const width = Math.min(30, Math.max(...rows.map(([left]) => left.length)));
	return rows.map(([left, right]) => (left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`)).join('\n');
}
