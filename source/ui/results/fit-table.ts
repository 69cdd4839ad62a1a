/**
 * ink-table sizes each column to its longest cell and never wraps, so a table is fitted to the
 * terminal before rendering: one flexible column (a candidate id) is shortened with an ellipsis,
 * and the full text is always shown elsewhere (the command list below the table).
 */

export type TableRow = Record<string, string>;

const padding = 1;

export function ellipsize(text: string, max: number): string {
	if (text.length <= max) return text;
	return max <= 1 ? text.slice(0, max) : `${text.slice(0, max - 1)}…`;
}

/** The printed width of an ink-table with these rows (borders included). */
export function tableWidth(rows: readonly TableRow[], columns: readonly string[]): number {
	const widths = columns.map(column => Math.max(column.length, ...rows.map(row => (row[column] ?? '').length)) + padding * 2);
	return widths.reduce((sum, width) => sum + width, 0) + columns.length + 1;
}

/** Shortens `flex` cells until the table fits `width` (never below `minFlex` characters). */
export function fitTable(rows: readonly TableRow[], columns: readonly string[], flex: string, width: number, minFlex = 12): TableRow[] {
	const overflow = tableWidth(rows, columns) - width;
	if (overflow <= 0) return [...rows];
	const longest = Math.max(flex.length, ...rows.map(row => (row[flex] ?? '').length));
	const max = Math.max(minFlex, longest - overflow);
	return rows.map(row => ({...row, [flex]: ellipsize(row[flex] ?? '', max)}));
}
