import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {truncate} from '../format.js';
import {statusColor, statusGlyph} from '../theme.js';

/** After the run: every candidate with how it ended; enter opens its rounds, requests and server log. */
export function CandidatePicker({run, ids, pick, height, width}: {readonly run: RunState; readonly ids: readonly string[]; readonly pick: number; readonly height: number; readonly width: number}) {
	const rows = Math.max(1, height - 1);
	const start = Math.max(0, Math.min(pick - Math.floor(rows / 2), ids.length - rows));
	return (
		<Box flexDirection="column">
			<Text bold>
				Candidates <Text dimColor>· {ids.length} · ↑↓ choose · enter opens rounds, requests and server log</Text>
			</Text>
			{ids.slice(start, start + rows).map((id, i) => {
				const candidate = run.candidates.find(c => c.id === id);
				const status = candidate?.status ?? run.rows.find(row => row.candidate_id === id)?.status ?? 'skipped';
				const chosen = start + i === pick;
				return (
					<Text key={id} wrap="truncate" inverse={chosen}>
						{chosen ? '❯ ' : '  '}
						<Text color={statusColor[status]}>{statusGlyph[status]} {id}</Text> {status}
						{candidate?.reason ? <Text dimColor> {truncate(candidate.reason, Math.max(10, width - id.length - status.length - 8))}</Text> : null}
					</Text>
				);
			})}
		</Box>
	);
}
