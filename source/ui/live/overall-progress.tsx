import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {frameworkLabel} from '../../frameworks/registry.js';
import {formatDuration, truncate} from '../format.js';
import {etaMs} from './eta.js';

/** Keeps the end of a path (the run's own directory name), cutting from the left. */
export function truncateStart(text: string, width: number): string {
	if (text.length <= width) return text;
	return width <= 1 ? text.slice(-Math.max(0, width)) : `…${text.slice(text.length - width + 1)}`;
}

/** Two lines: what is being run (model, simulated, run directory — using the whole width), and where the run stands. */
export function OverallProgress({state, now, width}: {readonly state: RunState; readonly now: number; readonly width: number}) {
	const active = state.active;
	const bench = active?.bench;
	const done = state.candidates.filter(c => c.status !== 'queued' && c.status !== 'running').length;
	const parts = [
		state.currentFramework ? frameworkLabel(state.currentFramework) : 'waiting',
		// The engine numbers candidates from 0 within their framework (`<framework>-00-…`); people count from 1.
		active ? `candidate ${active.index + 1}/${active.total}` : `${done}/${state.candidates.length} done`,
		bench ? `scenario ${bench.scenario}` : null,
		bench?.round ? `QPS round ${bench.round}` : null,
		`elapsed ${formatDuration(state.startedT === null ? null : now - state.startedT)}`,
		`ETA ${formatDuration(etaMs(state, now))}`,
	].filter(Boolean);
	const title = 'llm-bench-tui ';
	const simulated = state.simulated ? ' [simulated GPU box]' : '';
	const runDir = state.runDir ?? '';
	// The model gives way first (down to 24 columns), then the run directory loses its start.
	const model = truncate(state.model ?? '', Math.max(24, width - title.length - simulated.length - runDir.length - 1));
	const dirRoom = Math.max(10, width - title.length - model.length - simulated.length - 1);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold color="magenta">llm-bench-tui</Text> <Text>{model}</Text>
				{simulated ? <Text color="yellow">{simulated}</Text> : null}
				{runDir ? <Text dimColor> {truncateStart(runDir, dirRoom)}</Text> : null}
			</Text>
			<Text wrap="truncate" bold>{parts.join(' · ')}</Text>
		</Box>
	);
}
