import {Box, Text, useInput} from 'ink';
import type {Field, WizardValues} from './wizard-fields.js';
import {currentValue, shownSteps, visibleChoices, type WizardAction, type WizardState} from './wizard-state.js';
import type {DetectedGpu} from './detect-gpus.js';
import type {DatasetPreview} from './use-dataset-preview.js';

/** One step of the guided inputs, or the manifest confirmation after the last one. */
export function WizardView({fields, state, gpus, manifest, preview}: {
	readonly fields: readonly Field[];
	readonly state: WizardState;
	readonly gpus: readonly DetectedGpu[];
	readonly manifest: string;
	readonly preview?: DatasetPreview | null;
}) {
	if (state.confirming) return <Confirm values={state.values} manifest={manifest} error={state.error} />;
	const field = fields[state.step]!;
	const choices = visibleChoices(field, state);
	const value = currentValue(field, state);
	const steps = shownSteps(fields, state.values);
	const shown = Math.max(0, steps.indexOf(state.step));
	const start = Math.max(0, Math.min(choices.indexOf(value) - 5, choices.length - 12));
	return (
		<Box flexDirection="column">
			<Text dimColor>Guided inputs · step {shown + 1} of {steps.length} · enter accepts · esc goes back · ctrl-u clears · ctrl-w deletes a word</Text>
			<Text bold>{field.label}</Text>
			{field.choices ? (
				<Box flexDirection="column">
					<Text>search: {state.edited ? state.draft : ''}<Text inverse> </Text></Text>
					{start > 0 ? <Text dimColor>  … {start} above</Text> : null}
					{choices.slice(start, start + 12).map(choice => (
						<Text key={choice} color={choice === value ? 'cyan' : undefined} wrap="truncate">
							{choice === value ? '❯ ' : '  '}
							{choice}
						</Text>
					))}
					{choices.length > start + 12 ? <Text dimColor>  … {choices.length - start - 12} more (type to filter)</Text> : null}
				</Box>
			) : (
				<Text>
					❯ {state.edited ? state.draft : <Text dimColor>{state.values[field.key]}</Text>}
					<Text inverse> </Text>
				</Text>
			)}
			{field.key === 'gpuIds' ? <GpuHint gpus={gpus} /> : null}
			{field.key === 'datasetPath' ? <Preview preview={preview ?? null} /> : null}
			{state.error ? <Text color="red">✘ {state.error}</Text> : <Text color="green">✔ ok</Text>}
		</Box>
	);
}

function Preview({preview}: {readonly preview: DatasetPreview | null}) {
	if (!preview) return <Text dimColor>preview: the first 3 requests appear here once the file is found</Text>;
	if (preview.error) return <Text color="red" wrap="wrap">✘ {preview.error}</Text>;
	return (
		<Box flexDirection="column">
			<Text dimColor>first {preview.rows?.length ?? 0} requests of {preview.file}:</Text>
			{(preview.rows ?? []).map((row, i) => (
				<Text key={i} wrap="truncate">
					{'  '}
					{i + 1}. {row}
				</Text>
			))}
		</Box>
	);
}

function GpuHint({gpus}: {readonly gpus: readonly DetectedGpu[]}) {
	if (gpus.length === 0) return <Text color="yellow">No GPU found by nvidia-smi: the simulated recipe runs without one.</Text>;
	return (
		<Box flexDirection="column">
			{gpus.map(gpu => (
				<Text key={gpu.index} color={gpu.busy ? 'yellow' : undefined}>
					GPU{gpu.index} {gpu.name} {Math.round(gpu.memoryUsedMiB / 1024)}/{Math.round(gpu.memoryTotalMiB / 1024)} GiB{gpu.busy ? ' · busy (other processes)' : ''}
				</Text>
			))}
		</Box>
	);
}

function Confirm({values, manifest, error}: {readonly values: WizardValues; readonly manifest: string; readonly error: string | null}) {
	return (
		<Box flexDirection="column">
			<Text bold>Version manifest</Text>
			<Text>{manifest}</Text>
			<Text bold>Plan</Text>
			{Object.entries(values).map(([key, value]) => (
				<Text key={key} wrap="truncate">
					<Text dimColor>{key.padEnd(13)}</Text>
					{value}
				</Text>
			))}
			{error ? <Text color="red" wrap="wrap">✘ {error}</Text> : null}
			<Text bold color="green">enter writes the plan and starts preflight · esc goes back</Text>
		</Box>
	);
}

/**
 * One read of the terminal → wizard actions, every key of it: a paste, a held Backspace over ssh,
 * or text and Enter arrive together as one string. Escape sequences (arrows) come one per read.
 */
export function chunkActions(input: string): WizardAction[] {
	const actions: WizardAction[] = [];
	let text = '';
	const flush = () => {
		if (text) actions.push({type: 'type', text});
		text = '';
	};

	for (const char of input) {
		const action: WizardAction | null =
			char === '\r' || char === '\n' ? {type: 'submit'}
			: char === '\u007F' || char === '\b' ? {type: 'backspace'}
			: char === '\u0015' ? {type: 'clear'}
			: char === '\u0017' ? {type: 'delete-word'}
			: null;
		if (action) {
			flush();
			actions.push(action);
		} else if (!/\p{Cc}/u.test(char)) {
			text += char;
		}
	}

	flush();
	return actions;
}

/** Keys → wizard actions (the view's input hook). `blocker`: why Enter may not accept the value yet. */
export function useWizardInput(dispatch: (action: WizardAction) => void, isActive: boolean, blocker: () => string | null = () => null) {
	useInput(
		(input, key) => {
			if (key.escape) dispatch({type: 'back'});
			else if (key.upArrow) dispatch({type: 'move', delta: -1});
			else if (key.downArrow) dispatch({type: 'move', delta: 1});
			else if (key.ctrl && input === 'u') dispatch({type: 'clear'});
			else if (key.ctrl && input === 'w') dispatch({type: 'delete-word'});
			else if (key.return) dispatch({type: 'submit', blocker: blocker()});
			else if ((key.backspace || key.delete) && input.length <= 1) dispatch({type: 'backspace'});
			else if (input && !key.ctrl && !key.meta) {
				for (const action of chunkActions(input)) dispatch(action.type === 'submit' ? {type: 'submit', blocker: blocker()} : action);
			}
		},
		{isActive},
	);
}
