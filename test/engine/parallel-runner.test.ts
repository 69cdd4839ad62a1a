import test from 'ava';
import {earlyCut} from '../../source/engine/early-cut.js';
import {runAtMost} from '../../source/engine/run-at-most.js';

const tick = () => new Promise(resolve => setTimeout(resolve, 5));

test('runAtMost starts items in order and never runs more than the limit at once', async t => {
	let running = 0;
	let most = 0;
	const started: number[] = [];
	await runAtMost([0, 1, 2, 3, 4, 5, 6], 3, async item => {
		started.push(item);
		running++;
		most = Math.max(most, running);
		await new Promise(resolve => setTimeout(resolve, 5 + ((item * 7) % 4) * 3));
		running--;
	});
	t.deepEqual(started, [0, 1, 2, 3, 4, 5, 6]);
	t.is(most, 3);
});

test('runAtMost at 1 is a plain sequential loop', async t => {
	const events: string[] = [];
	await runAtMost(['a', 'b', 'c'], 1, async item => {
		events.push(`start ${item}`);
		await tick();
		events.push(`end ${item}`);
	});
	t.deepEqual(events, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
});

test('runAtMost rethrows a bug only after the items already started have finished', async t => {
	const ended: number[] = [];
	const error = await t.throwsAsync(
		runAtMost([0, 1], 2, async item => {
			if (item === 0) throw new Error('bug');
			await tick();
			ended.push(item);
		}),
	);
	t.is(error?.message, 'bug');
	t.deepEqual(ended, [1]);
});

test('early cut: three launches failing the same way cut the rest, said once', async t => {
	const said: string[] = [];
	const cut = earlyCut(reason => said.push(reason));
	for (let i = 0; i < 3; i++) {
		t.is(await cut.beforeStart(), null);
		cut.launched()({failureKind: 'oom', reason: `oom ${i}`});
	}
	t.regex((await cut.beforeStart()) ?? '', /first 3 candidates all failed with oom \(last: oom 2\)/);
	t.is(said.length, 1);
});

test('early cut in parallel: a 4th candidate waits for the first three, then starts when one of them passed', async t => {
	const cut = earlyCut(() => {});
	const ends = [cut.launched(), cut.launched(), cut.launched()];
	let fourth: string | null | undefined;
	const waiting = cut.beforeStart().then(reason => (fourth = reason));
	ends[1]!({failureKind: 'oom', reason: null});
	ends[2]!({failureKind: 'oom', reason: null});
	await tick();
	t.is(fourth, undefined, 'the first launch could still make it a cut');
	ends[0]!({failureKind: null, reason: null});
	await waiting;
	t.is(fourth, null);
});

test('early cut: withdrawn launches (operator skips) do not count, and a fewer-than-three window starts at once', async t => {
	const cut = earlyCut(() => {});
	const a = cut.launched();
	const b = cut.launched();
	// Two running, none settled: a third may start (it could be one of the deciding three).
	t.is(await cut.beforeStart(), null);
	const c = cut.launched();
	a('withdrawn');
	b({failureKind: 'crash', reason: null});
	c({failureKind: 'crash', reason: null});
	t.is(await cut.beforeStart(), null, 'only two launches count so far');
	cut.launched()({failureKind: 'crash', reason: 'last'});
	t.truthy(await cut.beforeStart());
});
