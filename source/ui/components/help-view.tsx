import {Box, Text} from 'ink';
import {keymap, type UiContext} from '../keymap.js';

const contextNames: Readonly<Record<UiContext, string>> = {
	'preflight': 'preflight',
	'live': 'while a candidate runs',
	'results': 'results',
	'log': 'log view',
	'help': 'help',
	'confirm-abort': 'abort confirmation',
	'pick': 'candidate picker (after the run)',
	'drill': 'candidate details',
};

/** Every key, from the same keymap the footer uses. */
export function HelpView() {
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text bold>Keys</Text>
			{keymap.map(binding => (
				<Text key={binding.command}>
					<Text bold color="cyan">{binding.keyLabel.padEnd(7)}</Text>
					{binding.label.padEnd(17)}
					<Text dimColor>{binding.contexts.map(c => contextNames[c]).join(', ')}</Text>
				</Text>
			))}
			<Text>
				<Text bold color="cyan">{'ctrl-c'.padEnd(7)}</Text>abort the run (servers are stopped, the report is still written)
			</Text>
		</Box>
	);
}
