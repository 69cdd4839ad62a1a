import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {CheckState} from '../../engine/run-state.js';
import {checkColor, checkGlyph} from '../theme.js';
import {truncate} from '../format.js';

/** The preflight checks as they run: spinner while running, then the result; hints under failures. */
export function CheckList({checks, width}: {readonly checks: readonly CheckState[]; readonly width: number}) {
	if (checks.length === 0) {
		return (
			<Text color="cyan">
				<Spinner type="dots" /> starting preflight…
			</Text>
		);
	}

	return (
		<Box flexDirection="column">
			{checks.map(check => (
				<Box key={check.id} flexDirection="column">
					<Text wrap="truncate">
						<Text color={checkColor[check.status]}>
							{check.status === 'running' ? <Spinner type="dots" /> : checkGlyph[check.status]} {check.title}
						</Text>
						{check.detail ? <Text dimColor> {truncate(check.detail, Math.max(10, width - check.title.length - 4))}</Text> : null}
					</Text>
					{check.hint && check.status !== 'passed' ? (
						<Text color="yellow" wrap="truncate">
							{'  '}→ {truncate(check.hint, width - 4)}
						</Text>
					) : null}
				</Box>
			))}
		</Box>
	);
}
