import {useEffect, useState} from 'react';
import {Box, Text, useApp} from 'ink';
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
import {ResultsScreen} from '../final/results-screen.js';
import {initialUiState, runIsOver, uiContext, type UiEffect} from './ui-state.js';
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
};

/** Picks the screen for the run's phase, overlays help/log/abort, and maps keys to session calls. */
export function App({session, interactive = true, refreshMs = defaultRefreshMs, now: fixedNow, banner}: AppProps) {
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

	useAppKeys({ui, run, setUi, onEffect, isActive: interactive});
	// Ctrl-C asked for the abort; once the engine has wound down there is nothing left to watch.
	useEffect(() => {
		if (over && ui.aborting) exit();
	}, [over, ui.aborting]);

	const context = uiContext(ui, run);
	const bodyRows = rows - 1 - (banner ? 1 : 0);
	return (
		<Box flexDirection="column">
			<FinishedList key={generation} finishedOrder={run.finishedOrder} candidates={run.candidates} rows={run.rows} width={columns - 2} />
			{banner ? <Text dimColor wrap="truncate">{banner}</Text> : null}
			{ui.overlay === 'help' ? <HelpView /> : null}
			{ui.overlay === 'log' ? <LogView candidateId={run.active?.candidateId ?? null} lines={run.active?.log ?? []} offset={ui.logOffset} height={bodyRows - 2} width={columns - 2} /> : null}
			{ui.overlay === 'none' || ui.overlay === 'confirm-abort' ? (
				context === 'results' ? (
					<ResultsScreen state={run} columns={columns} rows={rows} />
				) : run.phase === 'running' ? (
					<LiveScreen state={run} now={now} columns={columns} rows={bodyRows - (ui.overlay === 'confirm-abort' ? confirmAbortRows : 0)} />
				) : (
					<PreflightScreen state={run} columns={columns} rows={bodyRows} confirmed={ui.proceeded} />
				)
			) : null}
			{ui.overlay === 'confirm-abort' ? <ConfirmAbort running={run.active?.candidateId ?? null} /> : null}
			{interactive ? <Footer context={context} /> : null}
		</Box>
	);
}
