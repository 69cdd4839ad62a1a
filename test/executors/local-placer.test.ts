import test from 'ava';
import type {Executor} from '../../source/executors/executor.js';
import {localPlacer} from '../../source/executors/local-placer.js';
import {isRefused, type Placement} from '../../source/executors/placement.js';

const executor = {kind: 'local', connectHost: '127.0.0.1', bindHost: '127.0.0.1'} as unknown as Executor;
const candidate = (id: string) => ({id, framework: 'sglang'});
const never = new AbortController().signal;

function placed(outcome: Awaited<ReturnType<ReturnType<typeof localPlacer>['place']>>): Placement {
	if (isRefused(outcome)) throw new Error(`refused: ${outcome.reason}`);
	return outcome;
}

test('parallel 1: one slot, the plan GPUs on the recipe executor, named for rows', async t => {
	const placer = localPlacer({executor, gpuIds: [2, 3], gpusPerCandidate: 2, parallel: 1, label: 'local'});
	t.is(placer.parallel, 1);
	t.deepEqual(placer.notes, []);
	const one = placed(await placer.place(candidate('a'), 2, never));
	t.deepEqual(one.gpuIds, [2, 3]);
	t.is(one.executor, executor);
	t.is(one.host, '127.0.0.1');
	t.is(one.where, 'local (GPUs 2,3)');
	t.is(one.jobId, undefined);
});

test('a second request waits until the slot is released; release is idempotent', async t => {
	const placer = localPlacer({executor, gpuIds: [0], gpusPerCandidate: 1, parallel: 1, label: 'local'});
	const first = placed(await placer.place(candidate('a'), 1, never));
	let second: Placement | null = null;
	const pending = placer.place(candidate('b'), 1, never).then(outcome => (second = placed(outcome)));
	await new Promise(resolve => setTimeout(resolve, 20));
	t.is(second, null);
	await first.release();
	await first.release();
	await pending;
	t.deepEqual(second!.gpuIds, [0]);
	// The double release freed one slot, not two: a third request waits again.
	const controller = new AbortController();
	const third = placer.place(candidate('c'), 1, controller.signal);
	controller.abort();
	const outcome = await third;
	t.true(isRefused(outcome));
	t.is(isRefused(outcome) ? outcome.status : null, 'skipped');
});

test('parallel N partitions the GPU ids into disjoint slots of the per-candidate count; fewer fit → a note', async t => {
	const placer = localPlacer({executor, gpuIds: [0, 1, 2, 3, 4], gpusPerCandidate: 2, parallel: 3, label: 'box'});
	t.is(placer.parallel, 2);
	t.regex(placer.notes.join('\n'), /parallel: 3 asked, 2 fit/);
	const a = placed(await placer.place(candidate('a'), 2, never));
	const b = placed(await placer.place(candidate('b'), 2, never));
	t.deepEqual(
		[a.gpuIds, b.gpuIds],
		[
			[0, 1],
			[2, 3],
		],
	);
	t.is(b.where, 'box (GPUs 2,3)');
	await placer.releaseAll();
	const again = placed(await placer.place(candidate('c'), 2, never));
	t.deepEqual(again.gpuIds, [0, 1]);
});

test('slots of another GPU model are left out, so a comparison never mixes types', t => {
	const gpuNames = new Map([
		[0, 'H100'],
		[1, 'H100'],
		[2, 'A100'],
		[3, 'A100'],
	]);
	const placer = localPlacer({executor, gpuIds: [0, 1, 2, 3], gpusPerCandidate: 2, parallel: 2, label: 'local', gpuNames});
	t.is(placer.parallel, 1);
	t.regex(placer.notes.join('\n'), /GPUs 2,3 are not H100/);
});

test('a request for another GPU count is refused as data', async t => {
	const placer = localPlacer({executor, gpuIds: [0, 1], gpusPerCandidate: 2, parallel: 1, label: 'local'});
	const outcome = await placer.place(candidate('a'), 4, never);
	t.true(isRefused(outcome));
	t.is(isRefused(outcome) ? outcome.status : null, 'failed');
});
