import {Box, Text} from 'ink';
import {ellipsize, type TableRow} from './table-row.js';

/**
 * A borderless table for the results screen, fitted to the terminal without ever cutting the one
 * column a reader copies from (the candidate id): first the gaps narrow, then other text columns
 * (framework, status) give up characters, optional columns go, and when the id still does not fit, each id gets a line
 * of its own above its figures. Numbers are right-aligned and never cut.
 */

const isNumber = (text: string) => /^[-+\d.,%—]+$/.test(text);

/** Draws a fitted table: the header line bold, then the rows. */
export function TextTable({rows, columns, keep, width, optional = []}: {readonly rows: readonly TableRow[]; readonly columns: readonly string[]; readonly keep: string; readonly width: number; readonly optional?: readonly string[]}) {
	const [head, ...body] = textTable(rows, columns, keep, width, optional);
	return (
		<Box flexDirection="column">
			<Text bold>{head}</Text>
			{body.map((line, i) => (
				<Text key={i}>{line}</Text>
			))}
		</Box>
	);
}

/** `optional` columns (the framework, which every candidate id already starts with) are dropped before ids are stacked. */
export function textTable(rows: readonly TableRow[], allColumns: readonly string[], keep: string, width: number, optional: readonly string[] = []): string[] {
	let columns = [...allColumns];
	const numeric = new Set(columns.filter(column => rows.length > 0 && rows.every(row => isNumber(row[column] ?? ''))));
	let fitted = rows.map(row => ({...row}));
	const cell = (column: string) => Math.max(column.length, ...fitted.map(row => (row[column] ?? '').length));
	const total = (shown: readonly string[], gap: number) => shown.reduce((sum, column) => sum + cell(column), 0) + gap * (shown.length - 1);
	let gap = 2;
	if (total(columns, gap) > width) gap = 1;
	while (total(columns, gap) > width) {
		const shrinkable = columns.filter(column => column !== keep && !numeric.has(column) && cell(column) > Math.max(column.length, 4));
		if (shrinkable.length === 0) break;
		const widest = shrinkable.reduce((a, b) => (cell(b) > cell(a) ? b : a));
		const max = cell(widest) - 1;
		fitted = fitted.map(row => ({...row, [widest]: ellipsize(row[widest] ?? '', max)}));
	}

	for (const column of optional) {
		if (total(columns, gap) <= width) break;
		columns = columns.filter(c => c !== column);
	}

	const stacked = total(columns, gap) > width;
	const shown = stacked ? columns.filter(column => column !== keep) : columns;
	const format = (row: TableRow | null) =>
		shown
			.map(column => {
				const text = row ? row[column] ?? '' : column;
				return numeric.has(column) ? text.padStart(cell(column)) : text.padEnd(cell(column));
			})
			.join(' '.repeat(gap))
			.trimEnd();
	const lines = [format(null)];
	for (const row of fitted) {
		// The id on its own line, whole, when the row cannot hold it.
		if (stacked) lines.push(row[keep] ?? '');
		lines.push(format(row));
	}

	return lines;
}
