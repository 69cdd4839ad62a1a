import {memo} from 'react';
import {Box, Text} from 'ink';
import type {CandidateState} from '../../engine/run-state.js';
import {statusColor, statusGlyph} from '../theme.js';
import {truncate} from '../format.js';

/**
 * The running candidate and the next queued ones (finished ones already scrolled above via
 * <Static>), plus a one-line tally so long queues fit the screen.
 */
export const CandidateQueue = memo(function CandidateQueue({candidates, maxLines, width}: {
	readonly candidates: readonly CandidateState[];
	readonly maxLines: number;
	readonly width: number;
}) {
	const pending = candidates.filter(c => c.status === 'running' || c.status === 'queued');
	const shown = pending.slice(0, Math.max(1, maxLines));
	const count = (status: CandidateState['status']) => candidates.filter(c => c.status === status).length;
	const tally = [`queued ${count('queued')}`, `ok ${count('ok')}`, `failed ${count('failed') + count('oom') + count('timeout')}`, `skipped ${count('skipped')}`];
	return (
		<Box flexDirection="column">
			<Text dimColor>Queue · {tally.join(' · ')}</Text>
			{shown.map(c => (
				<Text key={c.id} wrap="truncate">
					<Text color={statusColor[c.status]}>{statusGlyph[c.status]} {c.id}</Text>
					<Text dimColor> {truncate(c.command, Math.max(10, width - c.id.length - 6))}</Text>
				</Text>
			))}
			{pending.length > shown.length ? <Text dimColor>  … {pending.length - shown.length} more queued</Text> : null}
		</Box>
	);
});
