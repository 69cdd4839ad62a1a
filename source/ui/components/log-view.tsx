import {Box, Text} from 'ink';
import {LogLine} from './log-line.js';

/**
 * The full server log of the active candidate (as much as the state keeps), `height` lines at a
 * time; `offset` counts lines back from the newest.
 */
export function LogView({candidateId, lines, offset, height, width}: {
	readonly candidateId: string | null;
	readonly lines: readonly string[];
	readonly offset: number;
	readonly height: number;
	readonly width: number;
}) {
	const end = Math.max(0, lines.length - offset);
	const start = Math.max(0, end - height);
	return (
		<Box flexDirection="column">
			<Text bold>
				Server log {candidateId ?? '(no candidate yet)'} <Text dimColor>lines {lines.length === 0 ? 0 : start + 1}–{end} of {lines.length}</Text>
			</Text>
			{lines.length === 0 ? <Text dimColor>No log lines yet.</Text> : null}
			{lines.slice(start, end).map((line, i) => (
				<LogLine key={start + i} line={line} width={width} />
			))}
		</Box>
	);
}
