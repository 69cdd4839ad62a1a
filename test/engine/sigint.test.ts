import {spawn} from 'node:child_process';
import path from 'node:path';
import test from 'ava';
import {readJsonl} from '../../source/engine/artifacts.js';
import type {ResultRow} from '../../source/results/result-row.js';
import fs from 'node:fs';
import {cliPath} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {alive, simRecipeFile, simServerPids, smallPlan, tempDir, writePlan} from './sim-fixture.js';

function zombie(pid: number): boolean {
	try {
		return /\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

type Interrupted = {code: number | null; stderr: string; runDir: string; seen: number[]; msToExit: number};

/** Runs a small plan headless and sends `signals` (one after another, `gapMs` apart) once the first benchmark round starts. */
async function interrupt(signals: readonly NodeJS.Signals[], world: Record<string, unknown> = {}, gapMs = 0): Promise<Interrupted> {
	const dir = tempDir('sigint');
	const args = ['run', writePlan(dir, smallPlan()), '--recipe', simRecipeFile(dir, world), '--headless', '--output-dir', path.join(dir, 'runs')];
	const child = spawn(process.execPath, [cliPath, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	let runDir = '';
	let buffer = '';
	const seen = new Set<number>();
	let stderr = '';
	let sentAt = 0;
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		buffer += chunk;
		const lines = buffer.split('\n');
		buffer = lines.pop() ?? '';
		for (const line of lines) {
			const event = JSON.parse(line) as {type: string; runDir?: string; round?: number | null};
			if (event.type === 'run-started') runDir = event.runDir!;
			if (event.type === 'bench-started' && event.round === 1 && seen.size === 0) {
				for (const pid of simServerPids(runDir)) seen.add(pid);
				for (const [index, signal] of signals.entries()) {
					setTimeout(() => {
						sentAt = Date.now();
						child.kill(signal);
					}, index * gapMs);
				}
			}
		}
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearTimeout(timer);
	return {code, stderr, runDir, seen: [...seen], msToExit: Date.now() - sentAt};
}

for (const [signal, exitCode] of [
	['SIGINT', 130],
	['SIGHUP', 129],
] as const) {
	test(`${signal} during a benchmark: every server stopped, unfinished candidates skipped under ${signal}, report written, exit ${exitCode}`, async t => {
		const {code, stderr, runDir, seen} = await interrupt([signal]);
		t.is(code, exitCode, stderr);
		t.true(seen.length > 0, 'a server was running at the interrupt');
		t.deepEqual(
			[...seen, ...simServerPids(runDir)].filter(pid => alive(pid)),
			[],
		);
		const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
		const skipped = rows.filter(row => row.status === 'skipped');
		t.true(skipped.length >= 2);
		t.true(
			skipped.every(row => row.failure_reason?.includes(signal)),
			JSON.stringify(skipped.map(row => row.failure_reason)),
		);
		t.regex(stderr, /run aborted/);
	});
}

test('a second SIGTERM while a server is slow to die: its group is SIGKILLed and the unfinished candidates recorded before the runner exits 143', async t => {
	// The server takes 60 s to exit after SIGTERM; the engine's own grace is 5 s. The second signal must not wait.
	const {code, stderr, seen, msToExit, runDir} = await interrupt(['SIGTERM', 'SIGTERM'], {shutdown_wall_s: 60}, 1000);
	t.is(code, 143, stderr);
	t.true(seen.length > 0);
	t.true(msToExit < 4000, `exited ${msToExit} ms after the second SIGTERM`);
	t.regex(stderr, /SIGTERM again: killed server process group/);
	// The running candidate's rows were recorded by the graceful abort; the queued one's only by the second signal's handler.
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	const shown = JSON.stringify(rows.map(row => [row.candidate_id, row.workload.load_mode, row.status, row.cause, row.failure_reason]));
	t.deepEqual([...new Set(rows.map(row => row.candidate_id))].sort(), ['vllm-00-baseline', 'vllm-01-max-num-seqs-32'], shown);
	t.true(
		rows.filter(row => row.status !== 'ok').every(row => row.status === 'skipped' && row.cause?.kind === 'run-aborted'),
		shown,
	);
	t.regex(rows.find(row => row.candidate_id === 'vllm-01-max-num-seqs-32')?.failure_reason ?? '', /^run aborted: interrupted \(SIGTERM\), then SIGTERM/, shown);
	t.regex(stderr, /[12] unfinished candidate\(s\) recorded as skipped/);
	// SIGKILL is immediate, but the orphan is reaped a moment later (by init, on a busy machine).
	await waitFor(() => seen.every(pid => !alive(pid) || zombie(pid)), {timeoutMs: 5000, stepMs: 100});
	t.deepEqual(
		seen.filter(pid => alive(pid) && !zombie(pid)),
		[],
	);
});
