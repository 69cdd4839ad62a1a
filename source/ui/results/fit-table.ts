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

const isNumber = (text: string) => /^[-+\d.,%]+$/.test(text);

/**
 * Shortens `flex` cells until the table fits `width` (not below `minFlex` characters first). When
 * that is not enough, the widest remaining text column gives up one character at a time (never
 * below its header, which ink-table always prints); numbers are never cut.
 */
export function fitTable(rows: readonly TableRow[], columns: readonly string[], flex: string, width: number, minFlex = 12): TableRow[] {
	let fitted: TableRow[] = rows.map(row => ({...row}));
	const cellWidth = (column: string) => Math.max(0, ...fitted.map(row => (row[column] ?? '').length));
	const shrink = (column: string, max: number) => {
		fitted = fitted.map(row => ({...row, [column]: ellipsize(row[column] ?? '', max)}));
	};

	const overflow = tableWidth(fitted, columns) - width;
	if (overflow <= 0) return fitted;
	shrink(flex, Math.max(minFlex, cellWidth(flex) - overflow));
	while (tableWidth(fitted, columns) > width) {
		const shrinkable = columns.filter(column => cellWidth(column) > Math.max(column.length, 4) && fitted.some(row => !isNumber(row[column] ?? '')));
		if (shrinkable.length === 0) break;
		const widest = shrinkable.reduce((a, b) => (cellWidth(b) > cellWidth(a) ? b : a));
		shrink(widest, cellWidth(widest) - 1);
	}

	return fitted;
}
