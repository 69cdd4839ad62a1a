import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {frameworkLabels} from '../../frameworks/framework-name.js';
import {formatDuration, truncate} from '../format.js';
import {etaMs} from './eta.js';

/** Two lines: what is being run, and where the run stands. */
export function OverallProgress({state, now, width}: {readonly state: RunState; readonly now: number; readonly width: number}) {
	const active = state.active;
	const bench = active?.bench;
	const done = state.candidates.filter(c => c.status !== 'queued' && c.status !== 'running').length;
	const parts = [
		state.currentFramework ? frameworkLabels[state.currentFramework] : 'waiting',
		// The engine numbers candidates from 0 within their framework (sglang-00 …); people count from 1.
		active ? `candidate ${active.index + 1}/${active.total}` : `${done}/${state.candidates.length} done`,
		bench ? `scenario ${bench.scenario}` : null,
		bench?.round ? `QPS round ${bench.round}` : null,
		`elapsed ${formatDuration(state.startedT === null ? null : now - state.startedT)}`,
		`ETA ${formatDuration(etaMs(state, now))}`,
	].filter(Boolean);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold color="magenta">llm-bench-tui</Text> <Text>{truncate(state.model ?? '', 40)}</Text>
				{state.simulated ? <Text color="yellow"> [simulated GPU box]</Text> : null}
				<Text dimColor> {truncate(state.runDir ?? '', Math.max(10, width - 70))}</Text>
			</Text>
			<Text wrap="truncate" bold>{parts.join(' · ')}</Text>
		</Box>
	);
}
