import {Box, Text} from 'ink';
import {bindingsFor, type UiContext} from '../keymap.js';

/** The key hints, generated from the keymap for the current context (a read-only viewer is offered no steering keys). */
export function Footer({context, readOnly = false}: {readonly context: UiContext; readonly readOnly?: boolean}) {
	return (
		<Box gap={2}>
			{bindingsFor(context, readOnly).filter(binding => !binding.helpOnly).map(binding => (
				<Text key={binding.command}>
					<Text bold color="cyan">{binding.keyLabel}</Text> <Text dimColor>{binding.label}</Text>
				</Text>
			))}
		</Box>
	);
}
