import type {Key} from 'ink';

/**
 * The one keymap (after gemini-cli's keyMatchers): keys map to named commands, and the footer and
 * the help overlay are generated from this list, so what is shown is what works.
 */

export type UiContext = 'preflight' | 'live' | 'results' | 'log' | 'help' | 'confirm-abort';

export type UiCommand =
	| 'proceed'
	| 'skip'
	| 'abort'
	| 'log'
	| 'help'
	| 'quit'
	| 'confirm'
	| 'cancel'
	| 'scroll-up'
	| 'scroll-down'
	| 'close';

export type Binding = {
	readonly command: UiCommand;
	/** How the key is written in the footer. */
	readonly keyLabel: string;
	readonly label: string;
	readonly contexts: readonly UiContext[];
	readonly matches: (input: string, key: Key) => boolean;
};

const char = (c: string) => (input: string, key: Key) => input === c && !key.ctrl && !key.meta;

export const keymap: readonly Binding[] = [
	{command: 'proceed', keyLabel: 'enter', label: 'start the run', contexts: ['preflight'], matches: (_i, key) => key.return},
	{command: 'skip', keyLabel: 's', label: 'skip candidate', contexts: ['live'], matches: char('s')},
	{command: 'abort', keyLabel: 'a', label: 'abort run', contexts: ['preflight', 'live'], matches: char('a')},
	{command: 'log', keyLabel: 'l', label: 'full log', contexts: ['live', 'results'], matches: char('l')},
	{command: 'scroll-up', keyLabel: '↑', label: 'older', contexts: ['log'], matches: (_i, key) => key.upArrow},
	{command: 'scroll-down', keyLabel: '↓', label: 'newer', contexts: ['log'], matches: (_i, key) => key.downArrow},
	{command: 'confirm', keyLabel: 'y', label: 'yes, abort', contexts: ['confirm-abort'], matches: char('y')},
	{command: 'cancel', keyLabel: 'n', label: 'keep running', contexts: ['confirm-abort'], matches: (input, key) => input === 'n' || key.escape},
	{command: 'close', keyLabel: 'esc', label: 'back', contexts: ['log', 'help'], matches: (input, key) => key.escape || input === 'l' || input === '?' || input === 'q'},
	{command: 'help', keyLabel: '?', label: 'help', contexts: ['preflight', 'live', 'results'], matches: char('?')},
	{command: 'quit', keyLabel: 'q', label: 'quit', contexts: ['results'], matches: char('q')},
];

export function bindingsFor(context: UiContext): Binding[] {
	return keymap.filter(binding => binding.contexts.includes(context));
}

export function commandFor(context: UiContext, input: string, key: Key): UiCommand | null {
	return bindingsFor(context).find(binding => binding.matches(input, key))?.command ?? null;
}
