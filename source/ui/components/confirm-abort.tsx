import {Box, Text} from 'ink';

/** The box's height (border, title, two text lines at 80+ columns, keys): the live screen gives it room. */
export const confirmAbortRows = 7;

/** `running`: the candidate ids still running (several with `parallel: N`). */
export function ConfirmAbort({running}: {readonly running: readonly string[]}) {
	const said = running.length === 0 ? '' : ` (${running.join(', ')} ${running.length === 1 ? 'is' : 'are'} running)`;
	return (
		<Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1}>
			<Text bold color="red">Abort the run?</Text>
			<Text>
				Every server is stopped{said}; unfinished candidates are recorded as skipped and the
				report is still written.
			</Text>
			<Text>
				<Text bold color="cyan">y</Text> abort · <Text bold color="cyan">n</Text> keep running
			</Text>
		</Box>
	);
}
