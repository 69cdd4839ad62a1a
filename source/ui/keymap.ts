import type {Key} from 'ink';

/**
 * The one keymap (after gemini-cli's keyMatchers): keys map to named commands, and the footer and
 * the help overlay are generated from this list, so what is shown is what works.
 */

export type UiContext = 'preflight' | 'live' | 'results' | 'log' | 'help' | 'confirm-abort' | 'pick' | 'drill';

export type UiCommand =
	| 'proceed'
	| 'skip'
	| 'abort'
	| 'log'
	| 'help'
	| 'quit'
	| 'confirm'
	| 'cancel'
	| 'line-up'
	| 'line-down'
	| 'page-up'
	| 'page-down'
	| 'top'
	| 'bottom'
	| 'open'
	| 'close'
	| 'focus-next'
	| 'focus-prev';

export type Binding = {
	readonly command: UiCommand;
	/** How the key is written in the footer. */
	readonly keyLabel: string;
	readonly label: string;
	readonly contexts: readonly UiContext[];
	readonly matches: (input: string, key: Key) => boolean;
	/** Listed in the help only (the footer's scroll hint stands for the paging keys). */
	readonly helpOnly?: boolean;
};

const char = (c: string) => (input: string, key: Key) => input === c && !key.ctrl && !key.meta;
const scrolling: readonly UiContext[] = ['results', 'log', 'drill'];

export const keymap: readonly Binding[] = [
	{command: 'proceed', keyLabel: 'enter', label: 'start the run', contexts: ['preflight'], matches: (_i, key) => key.return},
	{command: 'open', keyLabel: 'enter', label: 'open', contexts: ['pick'], matches: (_i, key) => key.return},
	{command: 'skip', keyLabel: 's', label: 'skip candidate', contexts: ['live'], matches: char('s')},
	// Candidates in parallel: the focused one fills the pane, and `s` and the log act on it.
	{command: 'focus-next', keyLabel: 'tab/→', label: 'next running', contexts: ['live'], matches: (_i, key) => (key.tab && !key.shift) || key.rightArrow},
	{
		command: 'focus-prev',
		keyLabel: '←',
		label: 'previous running',
		contexts: ['live'],
		matches: (_i, key) => (key.tab && key.shift) || key.leftArrow,
		helpOnly: true,
	},
	{command: 'abort', keyLabel: 'a', label: 'abort run', contexts: ['preflight', 'live'], matches: char('a')},
	// While a candidate runs: its log; after the run: pick any candidate (failed ones too) → rounds, requests, log.
	{command: 'log', keyLabel: 'l', label: 'server logs', contexts: ['live', 'results'], matches: char('l')},
	{command: 'line-up', keyLabel: '↑↓', label: 'scroll', contexts: [...scrolling, 'pick'], matches: (_i, key) => key.upArrow},
	{command: 'line-down', keyLabel: '↓', label: 'line down', contexts: [...scrolling, 'pick'], matches: (_i, key) => key.downArrow, helpOnly: true},
	{command: 'page-up', keyLabel: 'pgup/pgdn', label: 'page', contexts: scrolling, matches: (_i, key) => key.pageUp},
	{command: 'page-down', keyLabel: 'pgdn', label: 'page down', contexts: scrolling, matches: (input, key) => key.pageDown || input === ' ', helpOnly: true},
	{command: 'top', keyLabel: 'home/end', label: 'top/end', contexts: scrolling, matches: (_i, key) => key.home},
	{command: 'bottom', keyLabel: 'end', label: 'end', contexts: scrolling, matches: (_i, key) => key.end, helpOnly: true},
	{command: 'confirm', keyLabel: 'y', label: 'yes, abort', contexts: ['confirm-abort'], matches: char('y')},
	{command: 'cancel', keyLabel: 'n', label: 'keep running', contexts: ['confirm-abort'], matches: (input, key) => input === 'n' || key.escape},
	{
		command: 'close',
		keyLabel: 'esc',
		label: 'back',
		contexts: ['log', 'help', 'pick', 'drill'],
		matches: (input, key) => key.escape || input === 'l' || input === '?' || input === 'q',
	},
	{command: 'help', keyLabel: '?', label: 'help', contexts: ['preflight', 'live', 'results'], matches: char('?')},
	{command: 'quit', keyLabel: 'q', label: 'quit', contexts: ['results'], matches: char('q')},
];

/** What a viewer without the right to steer may not do (attach without the token). */
export const readOnlyCommands: readonly UiCommand[] = ['proceed', 'skip', 'abort', 'confirm'];

export function bindingsFor(context: UiContext, readOnly = false): Binding[] {
	return keymap.filter(binding => binding.contexts.includes(context) && !(readOnly && readOnlyCommands.includes(binding.command)));
}

export function commandFor(context: UiContext, input: string, key: Key, readOnly = false): UiCommand | null {
	return bindingsFor(context, readOnly).find(binding => binding.matches(input, key))?.command ?? null;
}
