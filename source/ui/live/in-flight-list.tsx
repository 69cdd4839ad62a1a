import {memo} from 'react';
import {Box, Text} from 'ink';
import type {ActiveState} from '../../engine/run-state.js';
import {phaseColor} from '../theme.js';
import {formatDuration, truncate} from '../format.js';

/** Lines the list takes: a title and one per running candidate, none when at most one runs. */
export function inFlightLines(inFlight: readonly ActiveState[]): number {
	return inFlight.length > 1 ? inFlight.length + 1 : 0;
}

/** One line per running candidate: where it runs, its server phase, its bench's progress. */
export function inFlightLine(pane: ActiveState, now: number): string {
	const bench = pane.bench;
	const progress = bench?.progress ? `${bench.progress.completed + bench.progress.failed}/${bench.progress.total}` : null;
	const load = bench
		? `${bench.scenario}${bench.round ? ` round ${bench.round}` : ''} @ ${bench.requestRate === 'inf' ? 'burst' : `${bench.requestRate} req/s`}${progress ? ` ${progress}` : ''}`
		: null;
	return [pane.where ?? null, pane.phase, load, formatDuration(Math.max(0, now - pane.startedT))].filter(Boolean).join(' · ');
}

/**
 * Candidates running at once (recipe `parallel: N`): a compact list, the focused one marked; the
 * panes below show the focused one (←/→ or tab move the focus, `s` skips it). Nothing with one.
 */
export const InFlightList = memo(function InFlightList({inFlight, focus, now, width}: {
	readonly inFlight: readonly ActiveState[];
	readonly focus: string | null;
	readonly now: number;
	readonly width: number;
}) {
	if (inFlight.length <= 1) return null;
	return (
		<Box flexDirection="column">
			<Text dimColor>Running {inFlight.length} · ←/→ focus · s skips the focused one</Text>
			{inFlight.map(pane => {
				const focused = pane.candidateId === focus;
				return (
					<Text key={pane.candidateId} wrap="truncate">
						<Text bold={focused} color={focused ? 'cyan' : undefined}>{focused ? '▸ ' : '  '}{pane.candidateId}</Text>
						<Text color={phaseColor[pane.phase]}> {truncate(inFlightLine(pane, now), Math.max(10, width - pane.candidateId.length - 3))}</Text>
					</Text>
				);
			})}
		</Box>
	);
});
