import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {truncate} from '../format.js';
import {OverallProgress} from './overall-progress.js';
import {CandidateQueue} from './candidate-queue.js';
import {ServerPanel} from './server-panel.js';
import {GpuPanel} from './gpu-panel.js';
import {BenchPanel} from './bench-panel.js';
import {QpsRounds} from './qps-rounds.js';

/**
 * The live area while candidates run. It is sized to the terminal (rows × columns) so Ink never
 * redraws more than fits: the log tail and the queue get whatever lines the fixed panels leave.
 */
export function LiveScreen({state, now, columns, rows}: {readonly state: RunState; readonly now: number; readonly columns: number; readonly rows: number}) {
	const width = Math.max(40, columns - 2);
	const gpuLines = state.gpus.length === 0 ? 1 : Math.ceil(state.gpus.length / (width >= 96 ? 2 : 1));
	// header 2, queue title 1, server 2, bench 3, rounds 1, warning 1, footer 1, separators 3, slack 2
	const fixed = 16 + gpuLines;
	const spare = Math.max(2, rows - fixed);
	const queueLines = Math.max(1, Math.min(4, Math.floor(spare / 3)));
	const logLines = Math.max(1, spare - queueLines);
	const warning = state.warnings.at(-1);
	return (
		<Box flexDirection="column" width={columns}>
			<OverallProgress state={state} now={now} width={width} />
			<Separator width={width} />
			<CandidateQueue candidates={state.candidates} maxLines={queueLines} width={width} />
			<Separator width={width} />
			{state.active ? <ServerPanel active={state.active} now={now} logLines={logLines} width={width} /> : <Text dimColor>No candidate running yet.</Text>}
			<GpuPanel gpus={state.gpus} width={width} />
			<Separator width={width} />
			<BenchPanel bench={state.active?.bench ?? null} sla={state.sla} width={width} />
			<QpsRounds rounds={state.active?.rounds ?? []} />
			{warning ? <Text color="yellow" wrap="truncate">⚠ {truncate(warning, width - 2)}</Text> : null}
		</Box>
	);
}

function Separator({width}: {readonly width: number}) {
	return <Text dimColor>{'─'.repeat(width)}</Text>;
}
