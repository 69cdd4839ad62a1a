import {useEffect, useReducer, useRef} from 'react';
import {useApp, useInput} from 'ink';
import type {Field, FieldKey, WizardValues} from './wizard-fields.js';
import {initialWizardState, wizardReduce, type WizardState} from './wizard-state.js';
import {WizardView, useWizardInput} from './wizard-view.js';
import type {DetectedGpu} from './detect-gpus.js';
import {useDatasetPreview} from './use-dataset-preview.js';

/** Where the wizard reopens when the plan its answers made did not validate. */
export type Reopen = {readonly key: FieldKey | null; readonly error: string};

/**
 * The guided inputs as one reducer over small steps; calls onDone with the answers (null = ctrl-c).
 * Inside the TUI's app the caller moves on to preflight; on its own (`exitOnDone`) it ends the render.
 * `reopen`: the answers in `initial` made a plan that failed validation; start at the field to fix.
 */
export function Wizard({fields, initial, gpus, manifest, defaultsFor, onDone, interactive = true, exitOnDone = false, reopen}: {
	readonly fields: readonly Field[];
	readonly initial: WizardValues;
	readonly gpus: readonly DetectedGpu[];
	readonly manifest: (values: WizardValues) => string;
	readonly defaultsFor: (source: string) => WizardValues;
	readonly onDone: (values: WizardValues | null) => void;
	readonly interactive?: boolean;
	readonly exitOnDone?: boolean;
	readonly reopen?: Reopen;
}) {
	const [state, dispatch] = useReducer(
		(current: WizardState, action: Parameters<typeof wizardReduce>[2]) => wizardReduce(fields, current, action),
		initial,
		values => (reopen ? wizardReduce(fields, initialWizardState(values), {type: 'reopen', ...reopen}) : initialWizardState(values)),
	);
	const {exit} = useApp();
	const field = fields[state.step]!;
	const datasetFile = field.key === 'datasetPath' && !state.confirming ? (state.edited ? state.draft : state.values.datasetPath).trim() : null;
	const preview = useDatasetPreview(state.values.workload, datasetFile);
	const latestPreview = useRef(preview);
	latestPreview.current = preview;
	useWizardInput(dispatch, interactive, () => (field.key === 'datasetPath' ? latestPreview.current?.error ?? null : null));
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
	return <WizardView fields={fields} state={state} gpus={gpus} manifest={manifest(state.values)} preview={preview} />;
}
