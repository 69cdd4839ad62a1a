/** POSIX shell quoting for argv that crosses a shell (ssh's remote command line). */
export function posixQuote(arg: string): string {
	if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
	return `'${arg.replaceAll("'", `'\\''`)}'`;
}

export function posixJoin(argv: readonly string[]): string {
	return argv.map(arg => posixQuote(arg)).join(' ');
}
