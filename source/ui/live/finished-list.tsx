import {memo} from 'react';
import {Box, Static, Text} from 'ink';
import type {CandidateState} from '../../engine/run-state.js';
import type {ResultRow} from '../../results/result-row.js';
import {statusColor, statusGlyph} from '../theme.js';
import {formatNumber, truncate} from '../format.js';

function bestThroughput(rows: readonly ResultRow[], candidateId: string): number | null {
	const values = rows.filter(r => r.candidate_id === candidateId).map(r => r.metrics?.request_throughput ?? null).filter((v): v is number => v !== null);
	return values.length > 0 ? Math.max(...values) : null;
}

/**
 * Finished candidates, printed once above the live area (Ink's <Static>), in the order they finished,
 * with their outcome and reason.
 */
export const FinishedList = memo(function FinishedList({finishedOrder, candidates, rows, width}: {
	readonly finishedOrder: readonly string[];
	readonly candidates: readonly CandidateState[];
	readonly rows: readonly ResultRow[];
	readonly width: number;
}) {
	const items = finishedOrder.map(id => candidates.find(c => c.id === id)!).filter(Boolean);
	return (
		<Static items={items}>
			{candidate => {
				const throughput = bestThroughput(rows, candidate.id);
				const text = `${statusGlyph[candidate.status]} ${candidate.id} ${candidate.status}`;
				const extra = candidate.reason ?? (throughput === null ? '' : `${formatNumber(throughput, 2)} req/s`);
				return (
					<Box key={candidate.id}>
						<Text color={statusColor[candidate.status]} wrap="truncate">
							{text}
							<Text dimColor> {truncate(extra, Math.max(10, width - text.length - 2))}</Text>
						</Text>
					</Box>
				);
			}}
		</Static>
	);
});
