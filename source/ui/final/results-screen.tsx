import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {FinalTable} from './final-table.js';
import {WinnerCommands} from './winner-commands.js';
import {CheckList} from '../preflight/check-list.js';

/** After the run: the final tables, each winner's commands and where the artifacts are. */
export function ResultsScreen({state, columns}: {readonly state: RunState; readonly columns: number}) {
	const width = Math.max(40, columns - 2);
	return (
		<Box flexDirection="column" width={columns}>
			<Text bold color={state.phase === 'aborted' ? 'yellow' : 'green'}>
				{state.phase === 'aborted' ? `Run aborted: ${state.abortReason ?? ''}` : 'Run finished'} <Text dimColor>· {state.rows.length} result rows</Text>
			</Text>
			{state.checks.some(c => c.status === 'failed') ? <CheckList checks={state.checks.filter(c => c.status === 'failed')} width={width} /> : null}
			<FinalTable state={state} width={width} />
			<WinnerCommands state={state} width={width} />
			<Box flexDirection="column">
				<Text bold>Artifacts</Text>
				<Text wrap="wrap">  run directory  {state.runDir ?? '—'}</Text>
				{state.summaryPath ? <Text wrap="wrap">  summary        {state.summaryPath}</Text> : null}
				{state.runDir ? <Text wrap="wrap">  results        {state.runDir}/results.jsonl</Text> : null}
			</Box>
		</Box>
	);
}
