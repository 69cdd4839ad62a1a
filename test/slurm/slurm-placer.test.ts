import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import {cancelJournaledJobsSync, createSlurmJobsJournal, readSlurmJobs} from '../../source/executors/slurm/slurm-jobs-journal.js';
import {schedulerLinePrefix} from '../../source/executors/executor.js';
import {isRefused, type PlacementRefused} from '../../source/executors/placement.js';
import {cancelSlurmLeftovers, createSlurmPlacer, runJobName, type SlurmPlacement} from '../../source/executors/slurm/slurm-placer.js';
import {startSlurmCluster, slurmUnavailable, type SlurmCluster} from '../helpers/slurm-cluster.js';
import {waitFor} from '../helpers/wait-for.js';

/**
 * The Slurm placer against a real cluster (2 emulated nodes × 2 fake GPUs, started by the test in a
 * temporary folder): allocations, node and GPU read-back, srun in the job, cancel on every path.
 */
const test = anyTest as TestFn<{cluster: SlurmCluster}>;
const unavailable = slurmUnavailable();
const maybe = unavailable ? test.serial.skip : test.serial;
if (unavailable) console.log(`slurm placer tests skipped: ${unavailable}`);

test.before(async t => {
	if (!unavailable) t.context.cluster = await startSlurmCluster();
});

test.after.always(async t => {
	await t.context.cluster?.stop();
});

const recipe = parseRecipe({kind: 'slurm', partition: 'gpu', time_limit: '10'}, null);

function placed(outcome: SlurmPlacement | PlacementRefused): SlurmPlacement {
	if (isRefused(outcome)) throw new Error(`not placed: ${outcome.reason}`);
	return outcome;
}

function refused(outcome: SlurmPlacement | PlacementRefused): PlacementRefused {
	if (!isRefused(outcome)) throw new Error(`placed on ${outcome.where}`);
	return outcome;
}

function placerFor(t: {context: {cluster: SlurmCluster}}, runDir?: string, runId = `t${Math.random().toString(36).slice(2, 8)}`) {
	return createSlurmPlacer(recipe, {
		env: {...process.env, ...t.context.cluster.env},
		runId,
		...(runDir ? {journal: createSlurmJobsJournal(runDir)} : {}),
	});
}

maybe('a candidate gets its own allocation: node, GPUs and address from Slurm, commands run in the job', async t => {
	const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slurm-run-'));
	const placer = placerFor(t, runDir);
	const placement = placed(await placer.place({id: 'sglang-00', framework: 'sglang'}, 1, new AbortController().signal));
	t.regex(placement.node, /^node[12]$/);
	t.is(placement.host, '127.0.0.1');
	t.deepEqual(placement.gpuIds, [0]);
	t.true(placement.where.startsWith(`${placement.node} (GPUs 0`));
	t.deepEqual(
		readSlurmJobs(runDir).map(job => job.id),
		[placement.jobId],
	);
	const inJob = await placement.executor.run(['sh', '-c', 'echo "$SLURMD_NODENAME $CUDA_VISIBLE_DEVICES $SLURM_JOB_ID"'], {framework: null, timeoutMs: 30_000});
	t.is(inJob.code, 0, inJob.stderr);
	t.is(inJob.stdout.trim(), `${placement.node} 0 ${placement.jobId}`);
	await placement.release();
	await placement.release();
	t.deepEqual(readSlurmJobs(runDir), []);
	t.true(await waitFor(() => t.context.cluster.activeJobs().length === 0, {timeoutMs: 10_000, stepMs: 100}), t.context.cluster.activeJobs().join('; '));
	placer.dispose();
});

maybe('two 2-GPU candidates land on the two nodes; a third waits and an abort cancels it', async t => {
	const placer = placerFor(t);
	const first = placed(await placer.place({id: 'a', framework: 'vllm'}, 2, new AbortController().signal));
	const second = placed(await placer.place({id: 'b', framework: 'vllm'}, 2, new AbortController().signal));
	t.not(first.node, second.node);
	t.deepEqual(first.gpuIds, [0, 1]);
	const waiting = new AbortController();
	const third = placer.place({id: 'c', framework: 'vllm'}, 2, waiting.signal);
	t.true(await waitFor(() => t.context.cluster.activeJobs().some(line => line.endsWith('PENDING')), {timeoutMs: 10_000, stepMs: 50}));
	waiting.abort();
	const withdrawn = refused(await third);
	t.is(withdrawn.status, 'skipped');
	t.regex(withdrawn.reason, /withdrawn \(job \d+ cancelled\)/);
	await placer.releaseAll();
	t.true(await waitFor(() => t.context.cluster.activeJobs().length === 0, {timeoutMs: 10_000, stepMs: 100}), t.context.cluster.activeJobs().join('; '));
	placer.dispose();
});

maybe('more GPUs than a node has is a placement failure with Slurm’s words, and no job stays', async t => {
	const placer = placerFor(t);
	const failure = refused(await placer.place({id: 'big', framework: 'sglang'}, 5, new AbortController().signal));
	t.is(failure.status, 'failed');
	t.regex(failure.reason, /5 GPU\(s\) failed.*Requested node configuration is not available/);
	t.deepEqual(t.context.cluster.activeJobs(), []);
	placer.dispose();
});

maybe('a server whose job Slurm ends under it says so in its log (the row gets that reason)', async t => {
	const placer = placerFor(t);
	const placement = placed(await placer.place({id: 'victim', framework: 'vllm'}, 1, new AbortController().signal));
	const server = placement.executor.launch({argv: ['sleep', '300'], name: 'victim', gpuIds: placement.gpuIds, framework: 'vllm'});
	const lines: string[] = [];
	server.onLine(line => lines.push(line));
	// An operator (or the time limit, or a node failure) ends the job, not the run.
	t.true(await waitFor(() => t.context.cluster.activeJobs().some(line => line.endsWith('RUNNING')), {timeoutMs: 10_000, stepMs: 50}));
	await new Promise(resolve => setTimeout(resolve, 500));
	const {spawnSync} = await import('node:child_process');
	spawnSync('scancel', [placement.jobId], {env: {...process.env, ...t.context.cluster.env}});
	await server.exited;
	const said = lines.find(line => line.startsWith(schedulerLinePrefix));
	t.truthy(said, lines.join('\n'));
	t.regex(said!, new RegExp(`Slurm job ${placement.jobId} was cancelled: state CANCELLED`));
	await placement.release();
	placer.dispose();
});

maybe('--resume cancels what a killed run left: its journaled jobs and any other job named for the run', async t => {
	const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slurm-resume-'));
	const env = {...process.env, ...t.context.cluster.env};
	const killed = placerFor(t, runDir, 'killed-run');
	const left = placed(await killed.place({id: 'a', framework: 'sglang'}, 1, new AbortController().signal));
	killed.dispose();
	// A job salloc had not printed yet when the run died: only its name says whose it is.
	const {spawnSync} = await import('node:child_process');
	spawnSync('salloc', ['--no-shell', `--job-name=${runJobName('killed-run')}`, '--gres=gpu:1'], {env});
	t.is(t.context.cluster.activeJobs().length, 2);
	const said = await cancelSlurmLeftovers({env, runId: 'killed-run', journal: createSlurmJobsJournal(runDir)});
	t.regex(said!, new RegExp(`cancelled Slurm job\\(s\\) ${left.jobId}, \\d+ the interrupted run left`));
	t.deepEqual(readSlurmJobs(runDir), []);
	t.true(await waitFor(() => t.context.cluster.activeJobs().length === 0, {timeoutMs: 10_000, stepMs: 100}), t.context.cluster.activeJobs().join('; '));
	t.is(await cancelSlurmLeftovers({env, runId: 'killed-run', journal: createSlurmJobsJournal(runDir)}), null);
});

maybe('a second signal cancels the journaled jobs synchronously (nothing async runs before the exit)', async t => {
	const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slurm-second-'));
	const placer = placerFor(t, runDir);
	const job = placed(await placer.place({id: 'a', framework: 'vllm'}, 1, new AbortController().signal));
	t.deepEqual(cancelJournaledJobsSync(runDir, {...process.env, ...t.context.cluster.env}), [job.jobId]);
	t.true(await waitFor(() => t.context.cluster.activeJobs().length === 0, {timeoutMs: 10_000, stepMs: 100}), t.context.cluster.activeJobs().join('; '));
	placer.dispose();
});
