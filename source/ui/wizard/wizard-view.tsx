import {Box, Text, useInput} from 'ink';
import type {Field, WizardValues} from './wizard-fields.js';
import {currentValue, visibleChoices, type WizardAction, type WizardState} from './wizard-state.js';
import type {DetectedGpu} from './detect-gpus.js';

/** One step of the guided inputs, or the manifest confirmation after the last one. */
export function WizardView({fields, state, gpus, manifest}: {
	readonly fields: readonly Field[];
	readonly state: WizardState;
	readonly gpus: readonly DetectedGpu[];
	readonly manifest: string;
}) {
	if (state.confirming) return <Confirm values={state.values} manifest={manifest} />;
	const field = fields[state.step]!;
	const choices = visibleChoices(field, state);
	const value = currentValue(field, state);
	return (
		<Box flexDirection="column">
			<Text dimColor>Guided inputs · step {state.step + 1} of {fields.length} · enter accepts · esc goes back</Text>
			<Text bold>{field.label}</Text>
			{field.choices ? (
				<Box flexDirection="column">
					<Text>search: {state.edited ? state.draft : ''}<Text inverse> </Text></Text>
					{choices.slice(0, 12).map(choice => (
						<Text key={choice} color={choice === value ? 'cyan' : undefined} wrap="truncate">
							{choice === value ? '❯ ' : '  '}
							{choice}
						</Text>
					))}
					{choices.length > 12 ? <Text dimColor>  … {choices.length - 12} more (type to filter)</Text> : null}
				</Box>
			) : (
				<Text>
					❯ {state.edited ? state.draft : <Text dimColor>{state.values[field.key]}</Text>}
					<Text inverse> </Text>
				</Text>
			)}
			{field.key === 'gpuIds' ? <GpuHint gpus={gpus} /> : null}
			{state.error ? <Text color="red">✘ {state.error}</Text> : <Text color="green">✔ ok</Text>}
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

function Confirm({values, manifest}: {readonly values: WizardValues; readonly manifest: string}) {
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
			<Text bold color="green">enter writes the plan and starts preflight · esc goes back</Text>
		</Box>
	);
}

/** Keys → wizard actions (the view's input hook). */
export function useWizardInput(dispatch: (action: WizardAction) => void, isActive: boolean) {
	useInput(
		(input, key) => {
			// A key pressed before the app took the terminal arrives as cooked text: Enter as '\n'.
			if (key.return || input === '\n' || input === '\r') dispatch({type: 'submit'});
			else if (key.escape) dispatch({type: 'back'});
			else if (key.upArrow) dispatch({type: 'move', delta: -1});
			else if (key.downArrow) dispatch({type: 'move', delta: 1});
			else if (key.backspace || key.delete) dispatch({type: 'backspace'});
			else if (input && !key.ctrl && !key.meta) {
				const text = input.replace(/\p{Cc}/gu, '');
				if (text) dispatch({type: 'type', text});
			}
		},
		{isActive},
	);
}
