import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {ResultsView} from '../results/results-view.js';
import {useRunContext} from '../hooks/use-run-context.js';
import {CheckList} from '../preflight/check-list.js';

/** Below this many rows the character charts would push the tables out of sight. */
export const chartMinRows = 40;

/**
 * After the run: the report's terminal view (comparison tables, burst rows, what was not selected,
 * each winner's commands, charts when the terminal is tall enough) with the run's manifest as its
 * context, then where the artifacts are.
 */
export function ResultsScreen({state, columns, rows}: {readonly state: RunState; readonly columns: number; readonly rows: number}) {
	const width = Math.max(40, columns - 2);
	const {context, problem} = useRunContext(state.runDir || null);
	const waiting = Boolean(state.runDir) && context === undefined;
	return (
		<Box flexDirection="column" width={columns}>
			<Text bold color={state.phase === 'aborted' ? 'yellow' : 'green'}>
				{state.phase === 'aborted' ? `Run aborted: ${state.abortReason ?? ''}` : 'Run finished'} <Text dimColor>· {state.rows.length} result rows</Text>
			</Text>
			{state.checks.some(c => c.status === 'failed') ? <CheckList checks={state.checks.filter(c => c.status === 'failed')} width={width} /> : null}
			{problem ? <Text color="yellow" wrap="wrap">{problem}</Text> : null}
			{waiting ? <Text dimColor>reading the run manifest…</Text> : state.rows.length > 0 ? <ResultsView rows={state.rows} context={context} width={width} charts={rows >= chartMinRows} /> : null}
			<Box flexDirection="column">
				<Text bold>Artifacts</Text>
				<Text wrap="wrap">  run directory  {state.runDir || '—'}</Text>
				{state.summaryPath ? <Text wrap="wrap">  summary        {state.summaryPath}</Text> : null}
				{state.runDir ? <Text wrap="wrap">  results        {state.runDir}/results.jsonl</Text> : null}
			</Box>
		</Box>
	);
}
