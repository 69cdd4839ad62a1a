import {Box, Text} from 'ink';
import {useRenderedLines} from '../hooks/use-rendered-lines.js';
import type {RunState} from '../../engine/run-state.js';
import {frameworkTally} from '../../engine/framework-tally.js';
import type {ReportContext} from '../../report/report-context.js';
import {ResultsView} from '../results/results-view.js';
import {CheckList} from '../preflight/check-list.js';
import {costLine} from '../../report/run-cost.js';

/** Below this many rows the character charts would push the tables out of sight. */
export const chartMinRows = 40;

/** Everything the results screen shows, top to bottom, as one document (it scrolls as a whole). */
export function ResultsDocument({state, context, width, charts}: {
	readonly state: RunState;
	readonly context: ReportContext | undefined;
	readonly width: number;
	readonly charts: boolean;
}) {
	const aborted = state.phase === 'aborted';
	return (
		<Box flexDirection="column" width={width}>
			<Text bold color={aborted ? 'yellow' : 'green'} wrap="wrap">
				{aborted ? `Run aborted: ${state.abortReason ?? ''}` : 'Run finished'} <Text dimColor>· {state.rows.length} result rows</Text>
			</Text>
			{state.cost ? (
				<Text wrap="wrap">
					<Text dimColor>Cost </Text>
					{costLine(state.cost)}
				</Text>
			) : null}
			{aborted ? frameworkTally(state).map(line => <Text key={line} color="yellow">  {line}</Text>) : null}
			{state.checks.some(c => c.status === 'failed') ? <CheckList checks={state.checks.filter(c => c.status === 'failed')} width={width} /> : null}
			{state.rows.length > 0 ? <ResultsView rows={state.rows} context={context} width={width} charts={charts} /> : <Text dimColor>No result rows: nothing was measured.</Text>}
			<Box flexDirection="column" marginTop={1}>
				<Text bold>Artifacts</Text>
				<Text wrap="wrap">  run directory  {state.runDir || '—'}</Text>
				{state.summaryPath ? <Text wrap="wrap">  summary        {state.summaryPath}</Text> : null}
				{state.runDir ? <Text wrap="wrap">  results        {state.runDir}/results.jsonl</Text> : null}
			</Box>
		</Box>
	);
}

/**
 * The results document as terminal lines (ANSI kept), rendered once per run state and width, so the
 * screen can show any window of it. Null until the results screen is shown. The report's context is
 * the manifest from the event stream (manifest-written): nothing is read from disk, so a viewer
 * attached from another machine gets the same screen.
 */
export function useResultsLines(state: RunState, columns: number, rows: number, enabled: boolean): string[] | null {
	const context = state.manifest ?? undefined;
	const width = Math.max(40, columns - 2);
	const charts = rows >= chartMinRows;
	const lines = useRenderedLines(() => (enabled ? <ResultsDocument state={state} context={context} width={width} charts={charts} /> : null), width, [enabled, state, context, charts]);
	return enabled ? lines : null;
}
