import {Box, Text} from 'ink';

/** Lines the screen keeps for itself (the position line), beside the footer. */
export const resultsChromeRows = 1;

/**
 * After the run: a window of `height` lines on the results document (results-document.tsx), moved
 * with ↑↓, PgUp/PgDn, Home/End. `lines` is null while the run's manifest is read.
 */
export function ResultsScreen({lines, offset, height, columns}: {readonly lines: readonly string[] | null; readonly offset: number; readonly height: number; readonly columns: number}) {
	if (!lines) return <Text dimColor>reading the run manifest…</Text>;
	const rows = Math.max(1, height - resultsChromeRows);
	const start = Math.max(0, Math.min(offset, lines.length - rows));
	const end = Math.min(lines.length, start + rows);
	return (
		<Box flexDirection="column" width={columns}>
			{lines.slice(start, end).map((line, i) => (
				<Text key={start + i} wrap="truncate">
					{line || ' '}
				</Text>
			))}
			<Text dimColor wrap="truncate">
				{lines.length <= rows ? `all ${lines.length} lines shown` : `lines ${start + 1}–${end} of ${lines.length}${end < lines.length ? ' · more below' : ' · end'}`}
			</Text>
		</Box>
	);
}

/** The largest offset and a page for the keys (ui-state's ViewSize). */
export function resultsView(lines: readonly string[] | null, height: number): {page: number; max: number} {
	const rows = Math.max(1, height - resultsChromeRows);
	return {page: Math.max(1, rows - 1), max: Math.max(0, (lines?.length ?? 0) - rows)};
}
