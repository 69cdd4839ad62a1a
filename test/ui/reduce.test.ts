import test from 'ava';
import {initialState, reduce, reduceAll} from '../../source/engine/reduce.js';
import {maxGpuSamples, maxLogLines} from '../../source/engine/run-state.js';
import {demoEvents, preflightDrafts, stamp} from '../helpers/demo-events.js';

test('initialState is not mutated by a fold', t => {
	const before = JSON.stringify(initialState);
	reduceAll(demoEvents());
	t.is(JSON.stringify(initialState), before);
});

test('preflight checks update in place and plan-ready queues every candidate', t => {
	const state = reduceAll(stamp(preflightDrafts()));
	t.is(state.phase, 'planned');
	t.deepEqual(
		state.checks.map(c => [c.id, c.status]),
		[
			['gpus', 'passed'],
			['help-vllm', 'warning'],
		],
	);
	t.is(state.checks[1]!.hint, 'did you mean --max-num-partial-prefill?');
	t.is(state.candidates.length, 4);
	t.true(state.candidates.every(c => c.status === 'queued'));
	t.is(state.estimatedSeconds, 120);
	t.true(state.simulated);
});

test('a full demo run folds into finished candidates, rows and winners', t => {
	const state = reduceAll(demoEvents());
	t.is(state.phase, 'finished');
	t.deepEqual(
		state.candidates.map(c => c.status),
		['ok', 'ok', 'ok', 'oom'],
	);
	t.deepEqual(state.finishedOrder, ['sglang-00-baseline', 'sglang-01-chunked-prefill-size-8192', 'vllm-00-baseline', 'vllm-01-max-num-seqs-128']);
	t.is(state.rows.length, 4);
	t.is(state.winners.length, 2);
	t.is(state.active, null);
	t.deepEqual(state.frameworks.vllm, {version: '0.0.sim', finished: true, reason: null});
});

test('the active candidate tracks server phase, bench progress and QPS rounds', t => {
	const events = demoEvents();
	const cut = events.findIndex(e => e.type === 'qps-round-finished') + 3;
	const state = reduceAll(events.slice(0, cut));
	const active = state.active!;
	t.is(active.candidateId, 'sglang-00-baseline');
	t.is(active.phase, 'ready');
	t.is(active.rounds.length, 1);
	t.true(active.rounds[0]!.passed);
	t.is(active.bench?.requestRate, 4);
	t.is(active.bench?.progress?.completed, 10);
	t.deepEqual(active.log, ['INFO loading weights', 'INFO KV cache 60 GiB']);
});

test('a skip marks the candidate skipped with its reason and keeps the order of finishing', t => {
	const events = demoEvents();
	const started = events.findIndex(e => e.type === 'candidate-started');
	const state = reduce(reduceAll(events.slice(0, started + 2)), {
		type: 'candidate-skipped',
		candidateId: 'sglang-00-baseline',
		framework: 'sglang',
		reason: 'skipped by operator',
		t: 5,
	});
	const candidate = state.candidates.find(c => c.id === 'sglang-00-baseline')!;
	t.is(candidate.status, 'skipped');
	t.is(candidate.reason, 'skipped by operator');
	t.deepEqual(state.finishedOrder, ['sglang-00-baseline']);
	t.is(state.lastT, 5);
});

test('log lines and GPU samples stay bounded', t => {
	let state = reduceAll(demoEvents().slice(0, 7));
	for (let i = 0; i < maxLogLines + 50; i++) {
		state = reduce(state, {type: 'server-log', candidateId: state.active!.candidateId, lines: [`line ${i}`], t: i});
		state = reduce(state, {type: 'gpu-sampled', gpus: [{index: 0, name: 'g', memoryUsedMiB: i, memoryTotalMiB: 1000, utilizationPct: i % 100}], t: i});
	}

	t.is(state.active!.log.length, maxLogLines);
	t.is(state.active!.log.at(-1), `line ${maxLogLines + 49}`);
	t.is(state.gpus[0]!.utilizationPct.length, maxGpuSamples);
});

test('events for a candidate that is not active change nothing but lastT', t => {
	const state = reduceAll(demoEvents().slice(0, 7));
	const next = reduce(state, {type: 'server-log', candidateId: 'other', lines: ['x'], t: 9});
	t.deepEqual({...next, lastT: state.lastT}, state);
});

test('an aborted run stays aborted when run-finished follows', t => {
	const state = reduceAll(
		stamp([...preflightDrafts(), {type: 'run-aborted', reason: 'operator abort'}, {type: 'run-finished', runDir: 'r', summaryPath: null, winners: []}]),
	);
	t.is(state.phase, 'aborted');
	t.is(state.abortReason, 'operator abort');
});
