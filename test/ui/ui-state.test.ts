import test from 'ava';
import {reduceAll} from '../../source/engine/reduce.js';
import {applyCommand, initialUiState, interrupt, uiContext} from '../../source/ui/app/ui-state.js';
import {commandFor, keymap} from '../../source/ui/keymap.js';
import {demoEvents, preflightDrafts, stamp} from '../helpers/demo-events.js';
import type {Key} from 'ink';

const planned = reduceAll(stamp(preflightDrafts()));
const live = reduceAll(demoEvents().slice(0, 12));
const finished = reduceAll(demoEvents());
const noKey = {} as Key;

test('the context follows the run phase and overlays', t => {
	t.is(uiContext(initialUiState, planned), 'preflight');
	t.is(uiContext(initialUiState, live), 'live');
	t.is(uiContext(initialUiState, finished), 'results');
	t.is(uiContext({...initialUiState, overlay: 'log'}, live), 'log');
});

test('keys resolve through the one keymap, per context', t => {
	t.is(commandFor('live', 's', noKey), 'skip');
	t.is(commandFor('preflight', 's', noKey), null, 'nothing to skip before the run');
	t.is(commandFor('results', 'q', noKey), 'quit');
	t.is(commandFor('live', 'q', noKey), null, 'q does not quit a live run');
	t.is(commandFor('preflight', '', {return: true} as Key), 'proceed');
	t.is(new Set(keymap.map(b => b.command)).size, keymap.length, 'one binding per command');
});

test('proceed happens once and only when the plan is ready', t => {
	const first = applyCommand(initialUiState, planned, 'proceed');
	t.deepEqual(first.effect, {type: 'proceed'});
	t.is(applyCommand(first.ui, planned, 'proceed').effect, null);
	t.is(applyCommand(initialUiState, reduceAll(stamp(preflightDrafts().slice(0, 2))), 'proceed').effect, null);
});

test('skip targets the running candidate; nothing when none runs', t => {
	t.deepEqual(applyCommand(initialUiState, live, 'skip').effect, {type: 'skip', candidateId: 'sglang-00-baseline'});
	t.is(applyCommand(initialUiState, finished, 'skip').effect, null);
});

test('abort needs confirmation; quit only when the run is over', t => {
	const asked = applyCommand(initialUiState, live, 'abort');
	t.is(asked.effect, null);
	t.is(asked.ui.overlay, 'confirm-abort');
	t.deepEqual(applyCommand(asked.ui, live, 'confirm').effect, {type: 'abort', reason: 'aborted by the operator'});
	t.is(applyCommand(asked.ui, live, 'cancel').ui.overlay, 'none');
	t.is(applyCommand(initialUiState, live, 'quit').effect, null);
	t.deepEqual(applyCommand(initialUiState, finished, 'quit').effect, {type: 'quit'});
});

test('ctrl-c aborts a live run, then quits', t => {
	const first = interrupt(initialUiState, live);
	t.deepEqual(first.effect, {type: 'abort', reason: 'interrupted (ctrl-c)'});
	t.deepEqual(interrupt(first.ui, live).effect, {type: 'quit'});
	t.deepEqual(interrupt(initialUiState, finished).effect, {type: 'quit'});
});

test('log scroll stays within the log', t => {
	const open = applyCommand(initialUiState, live, 'log').ui;
	const up = applyCommand(open, live, 'line-up').ui;
	t.is(up.logOffset, 1, 'two lines in the log: at most one line back');
	t.is(applyCommand(up, live, 'line-down').ui.logOffset, 0);
});
