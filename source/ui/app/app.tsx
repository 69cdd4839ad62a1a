import {useEffect, useState} from 'react';
import {Box, Text, useApp} from 'ink';
import {useRenderedLines} from '../hooks/use-rendered-lines.js';
import type {Session} from '../../engine/session-types.js';
import {useSessionState, defaultRefreshMs} from '../hooks/use-session-state.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {useNow} from '../hooks/use-now.js';
import {Footer} from '../components/footer.js';
import {HelpView} from '../components/help-view.js';
import {ConfirmAbort, confirmAbortRows} from '../components/confirm-abort.js';
import {LogView} from '../components/log-view.js';
import {FinishedList} from '../live/finished-list.js';
import {LiveScreen} from '../live/live-screen.js';
import {PreflightScreen} from '../preflight/preflight-screen.js';
import {ResultsScreen, resultsView} from '../final/results-screen.js';
import {useResultsLines} from '../final/results-document.js';
import {CandidatePicker} from '../final/candidate-picker.js';
import {DrillDocument} from '../final/drill-document.js';
import {useCandidateFiles} from '../final/use-candidate-files.js';
import {drillCandidates, focusedPane, initialUiState, runIsOver, uiContext, type UiEffect, type ViewSize} from './ui-state.js';
import {useAppKeys} from './use-app-keys.js';

export type AppProps = {
	readonly session: Pick<Session, 'history' | 'subscribe' | 'proceed' | 'skip' | 'abort'>;
	/** False when stdin is not a terminal: the screens render, keys are not read. */
	readonly interactive?: boolean;
	readonly refreshMs?: number;
	/** A fixed clock for tests; the wall clock otherwise. */
	readonly now?: number;
	/** A line under the header, e.g. who may steer a remote run. */
	readonly banner?: string;
	/** A viewer that may not steer the run (attach without the token): no skip/abort keys. */
	readonly readOnly?: boolean;
};

/** Picks the screen for the run's phase, overlays help/log/abort/drill-down, and maps keys to session calls. */
export function App({session, interactive = true, refreshMs = defaultRefreshMs, now: fixedNow, banner, readOnly = false}: AppProps) {
	const run = useSessionState(session, refreshMs);
	const {columns, rows, generation} = useTerminalSize();
	const [ui, setUi] = useState(initialUiState);
	const over = runIsOver(run);
	const wallNow = useNow(1000, fixedNow === undefined && !over);
	const now = fixedNow ?? wallNow;
	const {exit} = useApp();
	const onEffect = (effect: Exclude<UiEffect, null>) => {
		if (effect.type === 'proceed') session.proceed();
		else if (effect.type === 'skip') session.skip(effect.candidateId);
		else if (effect.type === 'abort') session.abort(effect.reason);
		else exit();
	};

	const context = uiContext(ui, run);
	const pane = focusedPane(run, ui.focus);
	const width = Math.max(40, columns - 2);
	// The frame stays below the terminal's height (Ink clears the whole screen on taller frames).
	const bodyRows = rows - 1 - (banner ? 1 : 0);
	const viewRows = bodyRows - 1;
	const resultsLines = useResultsLines(run, columns, rows, over);
	const drillId = ui.overlay === 'drill' ? ui.drill : null;
	const files = useCandidateFiles(run.runDir, run.rows, drillId);
	const drillLines = useRenderedLines(() => (drillId ? <DrillDocument id={drillId} candidate={run.candidates.find(c => c.id === drillId)} rows={run.rows} files={files} sla={run.sla} width={width} /> : null), width, [drillId, run, files]);
	const logHeight = bodyRows - 2;
	const view: ViewSize =
		context === 'results' ? resultsView(resultsLines, viewRows)
		: context === 'drill' ? resultsView(drillLines, viewRows)
		: context === 'log' ? {page: Math.max(1, logHeight - 1), max: Math.max(0, (pane?.log.length ?? 0) - logHeight)}
		: {page: 1, max: 0};
	useAppKeys({ui, run, setUi, onEffect, view, readOnly, isActive: interactive});
	// Ctrl-C asked for the abort; once the engine has wound down there is nothing left to watch. The
	// app leaves on the results' first page ("Run aborted: …", what ran per framework), never on a
	// half-drawn "reading the run manifest…" frame.
	useEffect(() => {
		if (!over || !ui.aborting) return;
		if (resultsLines) exit();
		else {
			const timer = setTimeout(() => exit(), 3000);
			return () => clearTimeout(timer);
		}
	}, [over, ui.aborting, resultsLines]);

	const screen = () => {
		if (context === 'results') return <ResultsScreen lines={resultsLines} offset={ui.scroll} height={viewRows} columns={columns} />;
		if (run.phase === 'running' || (over && ui.overlay === 'confirm-abort')) return <LiveScreen state={run} focus={pane?.candidateId ?? null} now={now} columns={columns} rows={bodyRows - (ui.overlay === 'confirm-abort' ? confirmAbortRows : 0)} />;
		return <PreflightScreen state={run} columns={columns} rows={bodyRows} confirmed={ui.proceeded} />;
	};

	return (
		<Box flexDirection="column">
			<FinishedList key={generation} finishedOrder={run.finishedOrder} candidates={run.candidates} rows={run.rows} width={columns - 2} />
			{banner ? <Text dimColor wrap="truncate">{banner}</Text> : null}
			{ui.overlay === 'help' ? <HelpView /> : null}
			{ui.overlay === 'log' ? <LogView candidateId={pane?.candidateId ?? null} lines={pane?.log ?? []} offset={ui.logOffset} height={logHeight} width={width} /> : null}
			{ui.overlay === 'pick' ? <CandidatePicker run={run} ids={drillCandidates(run)} pick={ui.pick} height={viewRows} width={width} /> : null}
			{ui.overlay === 'drill' ? <ResultsScreen lines={drillLines} offset={ui.drillScroll} height={viewRows} columns={columns} /> : null}
			{ui.overlay === 'none' || ui.overlay === 'confirm-abort' ? screen() : null}
			{ui.overlay === 'confirm-abort' ? <ConfirmAbort running={run.inFlight.map(a => a.candidateId)} /> : null}
			{interactive ? <Footer context={context} readOnly={readOnly} /> : null}
		</Box>
	);
}
