import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {truncate} from '../format.js';
import {shownStatistics} from './sla-bounds.js';
import {OverallProgress} from './overall-progress.js';
import {CandidateQueue} from './candidate-queue.js';
import {ServerPanel} from './server-panel.js';
import {GpuPanel, gpuPanelLines} from './gpu-panel.js';
import {ServerMetricsPanel} from './server-metrics-panel.js';
import {BenchPanel} from './bench-panel.js';
import {RoundTable} from './round-table.js';
import {RoundChart} from './round-chart.js';
import {InFlightList, inFlightLines} from './in-flight-list.js';

/** From this many rows the live screen also draws the rounds as a latency-vs-throughput chart. */
export const liveChartMinRows = 40;
const chartRows = 12;

/** How the live screen's rows are shared: fixed panels first, then the round table, queue and log. */
export function liveLayout(state: RunState, columns: number, rows: number): {queueLines: number; logLines: number; tableRows: number} {
	const width = Math.max(40, columns - 2);
	// header 2, separators 3, queue title + "more" 2, server 2, server metrics 1, bench 3, table head 1, warning 1, slack 1
	const fixed = 16 + gpuPanelLines(state.gpus.length, width) + inFlightLines(state.inFlight) + (rows >= liveChartMinRows ? chartRows : 0);
	const spare = Math.max(3, rows - fixed);
	const rounds = (state.active?.rounds.length ?? 0) + (state.active?.bench ? 1 : 0);
	const tableRows = Math.max(1, Math.min(rounds, 6, Math.floor(spare / 2)));
	const queueLines = Math.max(1, Math.min(3, Math.floor((spare - tableRows) / 3)));
	const logLines = Math.max(1, spare - tableRows - queueLines);
	return {queueLines, logLines, tableRows};
}

/**
 * The live area while candidates run. It is sized to the terminal (rows × columns) so Ink never
 * redraws more than fits: the round table, the queue and the log tail share what the fixed panels leave.
 * With several candidates running, a compact list of them comes first and the panes show `focus`.
 */
export function LiveScreen({state: run, focus = null, now, columns, rows}: {
	readonly state: RunState;
	/** The focused running candidate (ui-state.ts focusedPane); null = the newest. */
	readonly focus?: string | null;
	readonly now: number;
	readonly columns: number;
	readonly rows: number;
}) {
	const pane = run.inFlight.find(a => a.candidateId === focus) ?? run.active;
	// The panes below read `active`: the focused candidate's, with its own server metrics.
	const state: RunState = pane === run.active ? run : {...run, active: pane, serverMetrics: pane?.metrics ?? null};
	const width = Math.max(40, columns - 2);
	const {queueLines, logLines, tableRows} = liveLayout(state, columns, rows);
	const warning = state.warnings.at(-1);
	const bench = state.active?.bench ?? null;
	return (
		<Box flexDirection="column" width={columns}>
			<OverallProgress state={state} now={now} width={width} />
			<Separator width={width} />
			<CandidateQueue candidates={state.candidates} maxLines={queueLines} width={width} />
			<Separator width={width} />
			<InFlightList inFlight={run.inFlight} focus={pane?.candidateId ?? null} now={now} width={width} />
			{state.active ? <ServerPanel active={state.active} now={now} logLines={logLines} width={width} /> : <Text dimColor>No candidate running yet.</Text>}
			<ServerMetricsPanel metrics={state.serverMetrics} candidateId={state.active?.candidateId ?? null} />
			<GpuPanel gpus={state.gpus} width={width} since={state.active?.startedT ?? null} now={now} />
			<Separator width={width} />
			<BenchPanel bench={bench} sla={state.sla} width={width} />
			<RoundTable rounds={state.active?.rounds ?? []} bench={bench} sla={state.sla} maxRows={tableRows} width={width} />
			{rows >= liveChartMinRows ? <LiveRoundChart state={state} width={width} /> : null}
			{warning ? <Text color="yellow" wrap="truncate">⚠ {truncate(warning, width - 2)}</Text> : null}
		</Box>
	);
}

function LiveRoundChart({state, width}: {readonly state: RunState; readonly width: number}) {
	const key = shownStatistics(state.sla)[0]!.key;
	const rounds = (state.active?.rounds ?? []).map(round => ({throughput: round.final?.requestThroughput ?? null, latency: round.final?.latency?.[key] ?? null, passed: round.passed}));
	return <RoundChart rounds={rounds} sla={state.sla} width={width} height={chartRows - 4} />;
}

function Separator({width}: {readonly width: number}) {
	return <Text dimColor>{'─'.repeat(width)}</Text>;
}
