/** GitHub-flavoured markdown tables: cells escaped so a pipe or newline in a reason never breaks a row. */

export function escapeCell(text: string): string {
	return text.replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}

/** Inline code that survives backticks inside the command. */
export function inlineCode(text: string | null | undefined): string {
	if (!text) return '—';
	const fence = text.includes('`') ? '``' : '`';
	return `${fence}${fence === '``' ? ' ' : ''}${text}${fence === '``' ? ' ' : ''}${fence}`;
}

export function markdownTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
	const line = (cells: readonly string[]) => `| ${cells.map(cell => escapeCell(cell)).join(' | ')} |`;
	return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(row => line(row))].join('\n');
}

/** A fenced block that cannot be closed early by backticks in the content. */
export function codeBlock(text: string, language = 'bash'): string {
	const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(match => match[0].length));
	const fence = '`'.repeat(longest + 1);
	return `${fence}${language}\n${text}\n${fence}`;
}
