import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import anyTest, {type TestFn} from 'ava';
import {readJsonl} from '../../source/engine/artifacts.js';
import {readSlurmJobs} from '../../source/executors/slurm/slurm-jobs-journal.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {cliPath} from '../helpers/run-cli.js';
import {startSlurmCluster, slurmUnavailable, type SlurmCluster} from '../helpers/slurm-cluster.js';
import {waitFor} from '../helpers/wait-for.js';

/**
 * The whole Slurm path on a real cluster (2 emulated nodes × 2 fake GPUs): `run quick.yaml --recipe
 * slurm-simulated` gives the same rows as the simulated box on this machine, leaves no job behind,
 * and a Ctrl-C mid-run cancels every job of the run. Two runs in all: the suite stays small.
 */
const test = anyTest as TestFn<{cluster: SlurmCluster}>;
const unavailable = slurmUnavailable();
const maybe = unavailable ? test.serial.skip : test.serial;
if (unavailable) console.log(`slurm run tests skipped: ${unavailable}`);

test.before(async t => {
	if (!unavailable) t.context.cluster = await startSlurmCluster();
});

test.after.always(async t => {
	await t.context.cluster?.stop();
});

type Run = {code: number | null; stderr: string; runDir: string; events: Array<{type: string; [key: string]: unknown}>};

async function runCli(
	args: readonly string[],
	env: NodeJS.ProcessEnv,
	onEvent: (event: {type: string; [key: string]: unknown}, child: ReturnType<typeof spawn>) => void = () => {},
): Promise<Run> {
	const child = spawn(process.execPath, [cliPath, ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	let buffer = '';
	let runDir = '';
	const events: Run['events'] = [];
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		buffer += chunk;
		const lines = buffer.split('\n');
		buffer = lines.pop() ?? '';
		for (const line of lines) {
			const event = JSON.parse(line) as Run['events'][number];
			events.push(event);
			if (event.type === 'run-started') runDir = String(event.runDir);
			onEvent(event, child);
		}
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearTimeout(timer);
	return {code, stderr, runDir, events};
}

const rowSet = (rows: readonly ResultRow[]) =>
	rows.map(row => `${row.framework} ${row.candidate_id} ${row.workload.scenario} ${row.workload.load_mode} ${row.status}`).sort();

maybe('run quick.yaml on slurm-simulated: the local simulated run’s rows, two candidates at once, each in its own job, no job left', async t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slurm-e2e-'));
	const slurm = await runCli(
		['run', 'configs/demo/quick.yaml', '--recipe', 'slurm-simulated', '--headless', '--yes', '--output-dir', path.join(dir, 'slurm')],
		t.context.cluster.env,
	);
	t.is(slurm.code, 0, slurm.stderr);
	const local = await runCli(['run', 'configs/demo/quick.yaml', '--recipe', 'simulated', '--headless', '--yes', '--output-dir', path.join(dir, 'local')], {});
	t.is(local.code, 0, local.stderr);
	const slurmRows = readJsonl<ResultRow>(path.join(slurm.runDir, 'results.jsonl'));
	t.deepEqual(rowSet(slurmRows), rowSet(readJsonl<ResultRow>(path.join(local.runDir, 'results.jsonl'))));
	// parallel: 2 in the recipe: two candidates of a framework hold allocations at once.
	let inFlight = 0;
	let most = 0;
	for (const event of slurm.events) {
		if (event.type === 'candidate-started') most = Math.max(most, ++inFlight);
		if (event.type === 'candidate-finished') inFlight--;
	}

	t.true(most >= 2, `at most ${most} candidate(s) at once`);
	const started = slurm.events.filter(event => event.type === 'candidate-started');
	t.is(started.length, 6);
	t.true(
		started.every(event => /^node[12] \(GPUs \d; Slurm job \d+\)$/.test(String(event.where))),
		JSON.stringify(started.map(event => event.where)),
	);
	// Rows say where they ran: the node, and the Slurm job the journal recorded.
	t.true(
		slurmRows.filter(row => row.status === 'ok').every(row => /^node[12] /.test(row.where ?? '') && /^\d+$/.test(row.job_id ?? '')),
		JSON.stringify(slurmRows.map(row => [row.where, row.job_id])),
	);
	t.deepEqual(readSlurmJobs(slurm.runDir), []);
	t.true(await waitFor(() => t.context.cluster.activeJobs().length === 0, {timeoutMs: 15_000, stepMs: 100}), t.context.cluster.activeJobs().join('; '));
});

maybe('SIGINT mid-run: every job of the run is cancelled within seconds, the run exits 130', async t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slurm-sigint-'));
	let sentAt = 0;
	let jobsAtSignal: string[] = [];
	const run = await runCli(
		['run', 'configs/demo/quick.yaml', '--recipe', 'slurm-simulated', '--headless', '--yes', '--output-dir', dir],
		t.context.cluster.env,
		(event, child) => {
			if (event.type === 'bench-started' && sentAt === 0) {
				jobsAtSignal = t.context.cluster.activeJobs();
				sentAt = Date.now();
				child.kill('SIGINT');
			}
		},
	);
	t.is(run.code, 130, run.stderr);
	t.true(
		jobsAtSignal.some(line => line.endsWith('RUNNING')),
		`a job was running at the signal: ${jobsAtSignal.join('; ')}`,
	);
	t.true(await waitFor(() => t.context.cluster.activeJobs().length === 0, {timeoutMs: 20_000, stepMs: 100}), t.context.cluster.activeJobs().join('; '));
	t.log(`SIGINT → no job in ${Date.now() - sentAt} ms`);
	t.deepEqual(readSlurmJobs(run.runDir), []);
});
