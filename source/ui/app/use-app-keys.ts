import {useRef} from 'react';
import {useInput} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {commandFor} from '../keymap.js';
import {applyCommand, interrupt, uiContext, type UiEffect, type UiState, type ViewSize} from './ui-state.js';

/**
 * Keys → keymap command → UiState change + session effect. The latest state lives in a ref:
 * Ink re-attaches the handler in an effect after each commit, and a key typed in between must
 * not be judged against the previous screen.
 */
export function useAppKeys(options: {
	ui: UiState;
	run: RunState;
	setUi: (ui: UiState) => void;
	onEffect: (effect: Exclude<UiEffect, null>) => void;
	/** The current view's page and largest offset, for the scroll keys. */
	view: ViewSize;
	readOnly: boolean;
	isActive: boolean;
}) {
	const latest = useRef({...options});
	// Only this handler changes UiState, so after mount the ref is always the newest value.
	latest.current.run = options.run;
	latest.current.onEffect = options.onEffect;
	latest.current.setUi = options.setUi;
	latest.current.view = options.view;
	latest.current.readOnly = options.readOnly;
	useInput(
		(input, key) => {
			const {ui, run, setUi, onEffect, view, readOnly} = latest.current;
			const isCtrlC = key.ctrl && input === 'c';
			const command = isCtrlC ? null : commandFor(uiContext(ui, run), input, key, readOnly);
			if (!isCtrlC && !command) return;
			// A read-only viewer's ctrl-c leaves the viewer; the run goes on where it runs.
			const next = isCtrlC ? (readOnly ? {ui, effect: {type: 'quit'} as const} : interrupt(ui, run)) : applyCommand(ui, run, command!, view);
			if (next.ui !== ui) {
				// Keys that arrive before React re-renders already see the new state.
				latest.current.ui = next.ui;
				setUi(next.ui);
			}

			if (next.effect) onEffect(next.effect);
		},
		{isActive: options.isActive},
	);
}
