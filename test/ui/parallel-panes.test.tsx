import test from 'ava';
import type {Key} from 'ink';
import {render} from 'ink-testing-library';
import {reduceAll} from '../../source/engine/reduce.js';
import type {EngineEvent} from '../../source/events.js';
import {applyCommand, focusedPane, initialUiState} from '../../source/ui/app/ui-state.js';
import {commandFor} from '../../source/ui/keymap.js';
import {LiveScreen} from '../../source/ui/live/live-screen.js';
import {preflightDrafts, stamp} from '../helpers/demo-events.js';

/** Issue 17: two candidates in flight at once, as the events of a `parallel: 2` run say it. */

const strip = (frame = '') => frame.replace(/\u001B\[[0-9;]*m/g, '');
type Draft = {[K in EngineEvent['type']]: Omit<Extract<EngineEvent, {type: K}>, 't'>}[EngineEvent['type']];

const started = (id: string, where: string): Draft => ({
	type: 'candidate-started',
	candidateId: id,
	framework: 'vllm',
	index: id.endsWith('a') ? 0 : 1,
	total: 2,
	command: `vllm serve m --id ${id}`,
	where,
});
const progress = (completed: number) => ({
	completed,
	failed: 0,
	total: 8,
	inFlight: 1,
	elapsedMs: 1000,
	p50TtftMs: 50,
	p50TpotMs: 10,
	requestThroughput: 2,
	outputTokenThroughput: 100,
	latency: {},
	errors: {},
});
const metrics = (running: number) => ({running, waiting: 0, kvCacheUsage: 0.1, preemptions: null});

const overlapping: Draft[] = [
	...preflightDrafts(),
	{type: 'framework-started', framework: 'vllm', version: '0.0.sim'},
	started('vllm-a', 'simulated box (GPUs 0)'),
	started('vllm-b', 'simulated box (GPUs 1)'),
	{type: 'server-phase', candidateId: 'vllm-a', phase: 'ready'},
	{type: 'server-log', candidateId: 'vllm-a', lines: ['a is up']},
	{type: 'server-log', candidateId: 'vllm-b', lines: ['b loads weights']},
	{type: 'bench-started', candidateId: 'vllm-a', scenario: 'chat', requestRate: 4, maxConcurrency: null, round: 1, numPrompts: 8},
	{type: 'bench-progress', candidateId: 'vllm-a', scenario: 'chat', progress: progress(5)},
	{type: 'server-metrics', candidateId: 'vllm-a', scenario: 'chat', reading: metrics(3)},
	{type: 'server-metrics', candidateId: 'vllm-b', scenario: 'chat', reading: metrics(7)},
	{
		type: 'gpu-sampled',
		gpus: [{index: 0, name: 'H100', memoryUsedMiB: 70_000, memoryTotalMiB: 81_559, utilizationPct: 90, powerW: null, temperatureC: null, smClockMHz: null}],
	},
	{
		type: 'gpu-sampled',
		gpus: [{index: 1, name: 'H100', memoryUsedMiB: 60_000, memoryTotalMiB: 81_559, utilizationPct: 10, powerW: null, temperatureC: null, smClockMHz: null}],
	},
];

test('the fold keeps one pane per running candidate: logs, bench and metrics land in their own pane', t => {
	const state = reduceAll(stamp(overlapping));
	t.deepEqual(
		state.inFlight.map(a => [a.candidateId, a.where, a.phase]),
		[
			['vllm-a', 'simulated box (GPUs 0)', 'ready'],
			['vllm-b', 'simulated box (GPUs 1)', 'launching'],
		],
	);
	t.deepEqual(state.inFlight[0]!.log, ['a is up']);
	t.deepEqual(state.inFlight[1]!.log, ['b loads weights']);
	t.is(state.inFlight[0]!.bench?.progress?.completed, 5);
	t.is(state.inFlight[1]!.bench, null);
	t.deepEqual(state.inFlight[0]!.metrics?.running, [3]);
	t.deepEqual(state.inFlight[1]!.metrics?.running, [7]);
	// Each poller samples its own GPUs: the panel keeps both.
	t.deepEqual(
		state.gpus.map(g => [g.index, g.utilizationPct]),
		[
			[0, [90]],
			[1, [10]],
		],
	);
	t.is(state.active?.candidateId, 'vllm-b', 'the newest started is the default pane');
});

test('a candidate that ends leaves the list; the other keeps running', t => {
	const state = reduceAll(
		stamp([...overlapping, {type: 'server-phase', candidateId: 'vllm-a', phase: 'stopped'}, {type: 'candidate-finished', candidateId: 'vllm-a', framework: 'vllm', status: 'ok'}]),
	);
	t.deepEqual(
		state.inFlight.map(a => a.candidateId),
		['vllm-b'],
	);
	t.is(state.candidates.find(c => c.id === 'vllm-a')?.status, 'ok');
	const done = reduceAll(stamp([...overlapping, {type: 'run-finished', runDir: '/tmp/x', summaryPath: null, winners: []}]));
	t.deepEqual(done.inFlight, []);
});

test('focus moves through the running candidates and skip acts on the focused one only', t => {
	const state = reduceAll(stamp(overlapping));
	t.is(commandFor('live', '', {tab: true} as Key), 'focus-next');
	t.is(commandFor('live', '', {leftArrow: true} as Key), 'focus-prev');
	// No focus yet: the pane is the newest; s skips that one.
	t.deepEqual(applyCommand(initialUiState, state, 'skip').effect, {type: 'skip', candidateId: 'vllm-b'});
	const next = applyCommand(initialUiState, state, 'focus-next').ui;
	t.is(next.focus, 'vllm-a', 'from the newest (last) pane, next wraps to the first');
	t.is(focusedPane(state, next.focus)?.candidateId, 'vllm-a');
	t.deepEqual(applyCommand(next, state, 'skip').effect, {type: 'skip', candidateId: 'vllm-a'});
	t.is(applyCommand(next, state, 'focus-prev').ui.focus, 'vllm-b');
	// The focused candidate ended: the pane falls back to the newest, and skip targets a running one.
	const after = reduceAll(stamp([...overlapping, {type: 'candidate-finished', candidateId: 'vllm-a', framework: 'vllm', status: 'ok'}]));
	t.deepEqual(applyCommand(next, after, 'skip').effect, {type: 'skip', candidateId: 'vllm-b'});
});

test('the live screen lists every running candidate and shows the focused one in the panes', t => {
	const state = reduceAll(stamp(overlapping));
	const frame = (focus: string | null) => {
		const view = render(<LiveScreen state={state} focus={focus} now={state.lastT ?? 0} columns={110} rows={40} />);
		const text = strip(view.lastFrame());
		view.unmount();
		return text;
	};
	const onA = frame('vllm-a');
	t.regex(onA, /Running 2/);
	t.regex(onA, /▸ vllm-a simulated box \(GPUs 0\) · ready · chat round 1 @ 4 req\/s 5\/8/);
	t.regex(onA, /\n {2}vllm-b simulated box \(GPUs 1\) · launching/);
	t.regex(onA, /a is up/);
	t.notRegex(onA, /b loads weights/);
	const onB = frame('vllm-b');
	t.regex(onB, /▸ vllm-b/);
	t.regex(onB, /b loads weights/);
	t.notRegex(onB, /a is up/);
});

test('one candidate at a time: no list, the pane as before', t => {
	const single = reduceAll(stamp(overlapping.filter(d => !('candidateId' in d) || d.candidateId === 'vllm-a')));
	t.is(single.inFlight.length, 1);
	const view = render(<LiveScreen state={single} now={single.lastT ?? 0} columns={110} rows={40} />);
	const frame = strip(view.lastFrame());
	view.unmount();
	t.notRegex(frame, /Running \d/);
	t.regex(frame, /a is up/);
});
