import type {RunState} from '../../engine/run-state.js';
import type {UiCommand, UiContext} from '../keymap.js';

/**
 * What the viewer itself holds (overlays, log scroll, whether it already said go), as a pure
 * reducer over keymap commands. Session calls are returned as an effect, applied by the caller.
 */

export type Overlay = 'none' | 'help' | 'log' | 'confirm-abort';

export type UiState = {
	readonly overlay: Overlay;
	readonly logOffset: number;
	readonly proceeded: boolean;
	/** Ctrl-C (or a confirmed abort) asked the engine to stop; the app quits once the run ends. */
	readonly aborting: boolean;
};

export type UiEffect = {type: 'proceed'} | {type: 'skip'; candidateId: string} | {type: 'abort'; reason: string} | {type: 'quit'} | null;

export const initialUiState: UiState = {overlay: 'none', logOffset: 0, proceeded: false, aborting: false};

export function runIsOver(run: RunState): boolean {
	return run.phase === 'finished' || run.phase === 'aborted';
}

export function uiContext(ui: UiState, run: RunState): UiContext {
	if (ui.overlay !== 'none') return ui.overlay;
	if (runIsOver(run)) return 'results';
	return run.phase === 'running' ? 'live' : 'preflight';
}

export function applyCommand(ui: UiState, run: RunState, command: UiCommand): {ui: UiState; effect: UiEffect} {
	const logLength = run.active?.log.length ?? 0;
	switch (command) {
		case 'proceed':
			return run.phase === 'planned' && !ui.proceeded ? {ui: {...ui, proceeded: true}, effect: {type: 'proceed'}} : {ui, effect: null};
		case 'skip': {
			const running = run.active && run.candidates.find(c => c.id === run.active!.candidateId)?.status === 'running';
			return {ui, effect: running ? {type: 'skip', candidateId: run.active!.candidateId} : null};
		}

		case 'abort':
			return {ui: {...ui, overlay: 'confirm-abort'}, effect: null};
		case 'confirm':
			return {ui: {...ui, overlay: 'none', aborting: true}, effect: {type: 'abort', reason: 'aborted by the operator'}};
		case 'cancel':
		case 'close':
			return {ui: {...ui, overlay: 'none'}, effect: null};
		case 'log':
			return {ui: {...ui, overlay: 'log', logOffset: 0}, effect: null};
		case 'help':
			return {ui: {...ui, overlay: 'help'}, effect: null};
		case 'scroll-up':
			return {ui: {...ui, logOffset: Math.min(Math.max(0, logLength - 1), ui.logOffset + 5)}, effect: null};
		case 'scroll-down':
			return {ui: {...ui, logOffset: Math.max(0, ui.logOffset - 5)}, effect: null};
		case 'quit':
			return {ui, effect: runIsOver(run) ? {type: 'quit'} : null};
	}
}

/** Ctrl-C: abort a live run (servers stop, report still written); quit once it is over. */
export function interrupt(ui: UiState, run: RunState): {ui: UiState; effect: UiEffect} {
	if (runIsOver(run) || ui.aborting) return {ui, effect: {type: 'quit'}};
	return {ui: {...ui, overlay: 'none', aborting: true}, effect: {type: 'abort', reason: 'interrupted (ctrl-c)'}};
}
