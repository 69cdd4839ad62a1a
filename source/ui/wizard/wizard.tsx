import {useEffect, useReducer, useRef} from 'react';
import {useApp, useInput} from 'ink';
import type {Field, WizardValues} from './wizard-fields.js';
import {initialWizardState, wizardReduce} from './wizard-state.js';
import {WizardView, useWizardInput} from './wizard-view.js';
import type {DetectedGpu} from './detect-gpus.js';

/**
 * The guided inputs as one reducer over small steps; calls onDone with the answers (null = ctrl-c).
 * Inside the TUI's app the caller moves on to preflight; on its own (`exitOnDone`) it ends the render.
 */
export function Wizard({fields, initial, gpus, manifest, defaultsFor, onDone, interactive = true, exitOnDone = false}: {
	readonly fields: readonly Field[];
	readonly initial: WizardValues;
	readonly gpus: readonly DetectedGpu[];
	readonly manifest: (values: WizardValues) => string;
	readonly defaultsFor: (source: string) => WizardValues;
	readonly onDone: (values: WizardValues | null) => void;
	readonly interactive?: boolean;
	readonly exitOnDone?: boolean;
}) {
	const [state, dispatch] = useReducer(
		(current: ReturnType<typeof initialWizardState>, action: Parameters<typeof wizardReduce>[2]) => wizardReduce(fields, current, action),
		initial,
		initialWizardState,
	);
	const {exit} = useApp();
	useWizardInput(dispatch, interactive);
	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			onDone(null);
			if (exitOnDone) exit();
		}
	}, {isActive: interactive});
	// Choosing where to start reloads the defaults of every later field from that document.
	const loadedSource = useRef(initial.source);
	useEffect(() => {
		if (state.step !== 1 || state.values.source === loadedSource.current) return;
		loadedSource.current = state.values.source;
		dispatch({type: 'defaults', values: {...defaultsFor(state.values.source), source: state.values.source}});
	}, [state.step, state.values.source]);
	useEffect(() => {
		if (state.done) {
			onDone(state.values);
			if (exitOnDone) exit();
		}
	}, [state.done]);
	return <WizardView fields={fields} state={state} gpus={gpus} manifest={manifest(state.values)} />;
}
