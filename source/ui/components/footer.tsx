import {Box, Text} from 'ink';
import {bindingsFor, type UiContext} from '../keymap.js';

/** The key hints, generated from the keymap for the current context. */
export function Footer({context}: {readonly context: UiContext}) {
	return (
		<Box gap={2}>
			{bindingsFor(context).map(binding => (
				<Text key={binding.command}>
					<Text bold color="cyan">{binding.keyLabel}</Text> <Text dimColor>{binding.label}</Text>
				</Text>
			))}
		</Box>
	);
}
