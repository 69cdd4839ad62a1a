import path from 'node:path';
import test from 'ava';
import * as v from 'valibot';
import {EngineEventSchema} from '../../source/remote/event-schema.js';
import {readJsonl} from '../../source/engine/artifacts.js';
import {startSession} from '../../source/engine/start-session.js';
import type {EngineEvent} from '../../source/events.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import {rowKey, type ResultRow} from '../../source/results/result-row.js';
import {alive, runInputs, simBin, simServerPids, smallPlan, tempDir, writePlan} from './sim-fixture.js';

/** Issue 17: candidates in parallel on the simulated box, against the same plan run one at a time. */

const deps = {env: {...process.env}, gpuPollMs: 4000, stopGraceMs: 2000};
// Two GPUs listed, one per candidate: two slots.
const plan = smallPlan().replace('  gpu_count: 1\n', '  gpu_count: 1\n  gpu_ids: [0, 1]\n');

function recipe(parallel: number | null) {
	return parseRecipe(
		{
			kind: 'simulated',
			path_prepend: [simBin],
			...(parallel === null ? {} : {parallel}),
			world: {gpu_model: 'H100-80GB', gpu_count: 2, time_scale: 0.02, startup_wall_s: 0.3, seed: 1},
		},
		path.join(simBin, '..', 'recipe.yaml'),
	);
}

async function runWith(parallel: number | null, name: string) {
	const dir = tempDir(name);
	const started = Date.now();
	const session = startSession({...(await runInputs(writePlan(dir, plan), recipe(parallel), path.join(dir, 'runs'))), deps});
	const {runDir, exitCode} = await session.done;
	return {runDir, exitCode, wallMs: Date.now() - started, history: session.history, rows: readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'))};
}

/** [start, end] of each launched candidate, from its events. */
function spans(history: readonly EngineEvent[]): Map<string, [number, number]> {
	const result = new Map<string, [number, number]>();
	for (const event of history) {
		if (event.type === 'candidate-started') result.set(event.candidateId, [event.t, Number.POSITIVE_INFINITY]);
		if (event.type === 'candidate-finished' && result.has(event.candidateId)) result.get(event.candidateId)![1] = event.t;
	}

	return result;
}

const outcome = (rows: readonly ResultRow[]) => rows.map(row => `${rowKey(row)} ${row.status}`).sort();

test.serial('parallel: 2 runs two candidates at once on disjoint GPUs, with the row set of a sequential run', async t => {
	const one = await runWith(null, 'parallel-1');
	const two = await runWith(2, 'parallel-2');
	t.is(one.exitCode, 0);
	t.is(two.exitCode, 0);
	t.log(`wall time: parallel 1 ${(one.wallMs / 1000).toFixed(1)} s, parallel 2 ${(two.wallMs / 1000).toFixed(1)} s (one run each)`);

	// The same rows, with the same statuses, whatever the order they were written in.
	t.deepEqual(outcome(two.rows), outcome(one.rows));
	t.true(two.rows.every(row => row.status === 'ok'));

	// Sequential: one after the other, both on the first slot.
	const [a1, b1] = [...spans(one.history).values()];
	t.true(a1![1] <= b1![0], 'parallel 1 never overlaps');
	t.deepEqual([...new Set(one.rows.map(row => row.where))], ['simulated box (GPUs 0)']);

	// Parallel: the two candidates overlap in time, each on its own GPU, and the rows say where.
	const [a2, b2] = [...spans(two.history).values()];
	t.true(b2![0] < a2![1] && a2![0] < b2![1], 'the two candidates overlap in time');
	const where = new Map(two.rows.map(row => [row.candidate_id, `${row.where} ${row.hardware?.visible_devices}`]));
	t.deepEqual([...new Set(where.values())].sort(), ['simulated box (GPUs 0) 0', 'simulated box (GPUs 1) 1']);
	const started = two.history.filter(e => e.type === 'candidate-started').map(e => (e.type === 'candidate-started' ? e.where : null));
	t.deepEqual([...started].sort(), ['simulated box (GPUs 0)', 'simulated box (GPUs 1)']);
	t.true(two.rows.every(row => row.hardware?.gpu_count === 1));
	t.true(two.history.some(e => e.type === 'warning' && /2 candidates at once/.test(e.message)));
	for (const pid of simServerPids(two.runDir)) t.false(alive(pid), `server ${pid} stopped`);
	// The ws viewer gets the same stream: every event passes its schema, `where` included.
	t.deepEqual(
		two.history.filter(e => !v.safeParse(EngineEventSchema, e).success).map(e => e.type),
		[],
	);
});

test.serial('parallel: 2 with one GPU listed runs one at a time and says why', async t => {
	const dir = tempDir('parallel-short');
	const session = startSession({...(await runInputs(writePlan(dir, smallPlan()), recipe(2), path.join(dir, 'runs'))), deps});
	const {exitCode} = await session.done;
	t.is(exitCode, 0);
	t.true(session.history.some(e => e.type === 'warning' && /parallel: 2 asked, 1 fit/.test(e.message)));
	const [a, b] = [...spans(session.history).values()];
	t.true(a![1] <= b![0]);
});

test.serial('skip acts on one of two running candidates; the other finishes', async t => {
	const dir = tempDir('parallel-skip');
	const session = startSession({...(await runInputs(writePlan(dir, plan), recipe(2), path.join(dir, 'runs'))), deps});
	let skipped: string | null = null;
	session.subscribe(event => {
		if (event.type === 'bench-started' && skipped === null) {
			const running = session.history.filter(e => e.type === 'candidate-started').length;
			if (running < 2) return;
			skipped = event.candidateId;
			session.skip(event.candidateId);
		}
	});
	const {runDir, exitCode} = await session.done;
	t.is(exitCode, 0);
	t.truthy(skipped);
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	const mine = rows.filter(row => row.candidate_id === skipped && row.workload.load_mode !== 'smoke');
	t.true(mine.some(row => row.status === 'skipped' && row.cause?.kind === 'operator'));
	const other = rows.filter(row => row.candidate_id !== skipped && row.workload.load_mode === 'steady');
	t.is(other[0]?.status, 'ok');
});

test.serial('abort with two candidates running stops both servers and records both as aborted', async t => {
	const dir = tempDir('parallel-abort');
	const session = startSession({...(await runInputs(writePlan(dir, plan), recipe(2), path.join(dir, 'runs'))), deps});
	let aborted = false;
	session.subscribe(event => {
		if (aborted || event.type !== 'bench-started') return;
		const started = session.history.filter(e => e.type === 'candidate-started').length;
		const finished = session.history.filter(e => e.type === 'candidate-finished').length;
		if (started === 2 && finished === 0) {
			aborted = true;
			session.abort('test abort');
		}
	});
	const {runDir, exitCode} = await session.done;
	t.true(aborted);
	t.is(exitCode, 130);
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	for (const id of ['vllm-00-baseline', 'vllm-01-max-num-seqs-32']) {
		t.true(
			rows.some(row => row.candidate_id === id && row.status === 'skipped' && row.cause?.kind === 'run-aborted'),
			`${id} recorded as aborted`,
		);
	}

	for (const pid of simServerPids(runDir)) t.false(alive(pid), `server ${pid} stopped`);
});
