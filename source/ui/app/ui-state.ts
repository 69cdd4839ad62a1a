import type {ActiveState, RunState} from '../../engine/run-state.js';
import type {UiCommand, UiContext} from '../keymap.js';

/**
 * What the viewer itself holds (overlays, scroll positions, the picked candidate, whether it already
 * said go), as a pure reducer over keymap commands. Session calls are returned as an effect, applied
 * by the caller.
 */

export type Overlay = 'none' | 'help' | 'log' | 'confirm-abort' | 'pick' | 'drill';

export type UiState = {
	readonly overlay: Overlay;
	/** The live log view: lines back from the newest. */
	readonly logOffset: number;
	/** The results screen and the drill-down: lines from the top. */
	readonly scroll: number;
	readonly drillScroll: number;
	/** The highlighted candidate in the picker, and the one opened. */
	readonly pick: number;
	readonly drill: string | null;
	/** The running candidate the live pane shows (several run with `parallel: N`); null = the newest. */
	readonly focus: string | null;
	readonly proceeded: boolean;
	/** Ctrl-C (or a confirmed abort) asked the engine to stop; the app quits once the run ends. */
	readonly aborting: boolean;
};

/** How far the current view can move: a page, and the largest offset (content − viewport). */
export type ViewSize = {readonly page: number; readonly max: number};

export type UiEffect = {type: 'proceed'} | {type: 'skip'; candidateId: string} | {type: 'abort'; reason: string} | {type: 'quit'} | null;

export const initialUiState: UiState = {
	overlay: 'none',
	logOffset: 0,
	scroll: 0,
	drillScroll: 0,
	pick: 0,
	drill: null,
	focus: null,
	proceeded: false,
	aborting: false,
};

/**
 * The pane the live screen shows: the focused running candidate, else the newest started one (which
 * stays shown after it ends, as with one candidate at a time).
 */
export function focusedPane(run: RunState, focus: string | null): ActiveState | null {
	return run.inFlight.find(pane => pane.candidateId === focus) ?? run.active;
}

/** Focus moves through the running candidates in start order, wrapping around. */
function moveFocus(ui: UiState, run: RunState, step: 1 | -1): UiState {
	const ids = run.inFlight.map(pane => pane.candidateId);
	if (ids.length === 0) return ui;
	const at = ids.indexOf(focusedPane(run, ui.focus)?.candidateId ?? '');
	const next = at === -1 ? (step === 1 ? 0 : ids.length - 1) : (at + step + ids.length) % ids.length;
	return {...ui, focus: ids[next]!, logOffset: 0};
}

export function runIsOver(run: RunState): boolean {
	return run.phase === 'finished' || run.phase === 'aborted';
}

export function uiContext(ui: UiState, run: RunState): UiContext {
	if (ui.overlay !== 'none') return ui.overlay;
	if (runIsOver(run)) return 'results';
	return run.phase === 'running' ? 'live' : 'preflight';
}

/** Every candidate the picker offers after the run: the plan's order, then any only the rows name. */
export function drillCandidates(run: RunState): string[] {
	const ids = run.candidates.map(c => c.id);
	for (const row of run.rows) if (!ids.includes(row.candidate_id)) ids.push(row.candidate_id);
	return ids;
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(Math.max(0, max), value));

/** Scroll commands → the new offset (from the top; the log counts from the bottom, so it is flipped). */
function scrolled(offset: number, command: UiCommand, view: ViewSize, fromBottom: boolean): number {
	const page = Math.max(1, view.page);
	const step: Partial<Record<UiCommand, number>> = {'line-up': -1, 'line-down': 1, 'page-up': -page, 'page-down': page};
	if (command === 'top') return fromBottom ? view.max : 0;
	if (command === 'bottom') return fromBottom ? 0 : view.max;
	const delta = (step[command] ?? 0) * (fromBottom ? -1 : 1);
	return clamp(offset + delta, view.max);
}

const scrollCommands: readonly UiCommand[] = ['line-up', 'line-down', 'page-up', 'page-down', 'top', 'bottom'];

export function applyCommand(
	ui: UiState,
	run: RunState,
	command: UiCommand,
	view: ViewSize = {page: 5, max: Math.max(0, (focusedPane(run, ui.focus)?.log.length ?? 0) - 1)},
): {ui: UiState; effect: UiEffect} {
	if (scrollCommands.includes(command)) {
		const context = uiContext(ui, run);
		if (context === 'log') return {ui: {...ui, logOffset: scrolled(ui.logOffset, command, view, true)}, effect: null};
		if (context === 'results') return {ui: {...ui, scroll: scrolled(ui.scroll, command, view, false)}, effect: null};
		if (context === 'drill') return {ui: {...ui, drillScroll: scrolled(ui.drillScroll, command, view, false)}, effect: null};
		if (context === 'pick') {
			const count = drillCandidates(run).length;
			const delta = command === 'line-up' ? -1 : command === 'line-down' ? 1 : 0;
			return {ui: {...ui, pick: count === 0 ? 0 : (ui.pick + delta + count) % count}, effect: null};
		}

		return {ui, effect: null};
	}

	switch (command) {
		case 'proceed':
			return run.phase === 'planned' && !ui.proceeded ? {ui: {...ui, proceeded: true}, effect: {type: 'proceed'}} : {ui, effect: null};
		case 'skip': {
			// The focused candidate, by id: with several running, skip never hits another one.
			const pane = focusedPane(run, ui.focus);
			const running = pane && run.candidates.find(c => c.id === pane.candidateId)?.status === 'running';
			return {ui, effect: running ? {type: 'skip', candidateId: pane.candidateId} : null};
		}

		case 'focus-next':
			return {ui: moveFocus(ui, run, 1), effect: null};
		case 'focus-prev':
			return {ui: moveFocus(ui, run, -1), effect: null};

		case 'abort':
			return {ui: {...ui, overlay: 'confirm-abort'}, effect: null};
		case 'confirm':
			return {ui: {...ui, overlay: 'none', aborting: true}, effect: {type: 'abort', reason: 'aborted by the operator'}};
		case 'cancel':
			return {ui: {...ui, overlay: 'none'}, effect: null};
		case 'close':
			// The drill-down goes back to its picker; everything else back to the screen.
			return {ui: {...ui, overlay: ui.overlay === 'drill' ? 'pick' : 'none'}, effect: null};
		case 'log': {
			if (!runIsOver(run)) return {ui: {...ui, overlay: 'log', logOffset: 0}, effect: null};
			// After the run: the picker, on the first failed candidate (the one an operator looks for).
			const ids = drillCandidates(run);
			const failed = ids.findIndex(id => ['failed', 'oom', 'timeout'].includes(run.candidates.find(c => c.id === id)?.status ?? ''));
			return {ui: {...ui, overlay: 'pick', pick: ui.drill ? Math.max(0, ids.indexOf(ui.drill)) : Math.max(0, failed)}, effect: null};
		}

		case 'open': {
			const id = drillCandidates(run)[ui.pick];
			return id ? {ui: {...ui, overlay: 'drill', drill: id, drillScroll: 0}, effect: null} : {ui, effect: null};
		}

		case 'help':
			return {ui: {...ui, overlay: 'help'}, effect: null};
		case 'quit':
			return {ui, effect: runIsOver(run) ? {type: 'quit'} : null};
		default:
			return {ui, effect: null};
	}
}

/** Ctrl-C: abort a live run (servers stop, report still written); quit once it is over. */
export function interrupt(ui: UiState, run: RunState): {ui: UiState; effect: UiEffect} {
	if (runIsOver(run) || ui.aborting) return {ui, effect: {type: 'quit'}};
	return {ui: {...ui, overlay: 'none', aborting: true}, effect: {type: 'abort', reason: 'interrupted (ctrl-c)'}};
}
