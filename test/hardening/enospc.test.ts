import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import type {ResultRow} from '../../source/results/result-row.js';
import {cliPath} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {alive, simRecipeFile, simServerPids, smallPlan, tempDir, writePlan} from '../engine/sim-fixture.js';

/**
 * A real full disk, without root or a small mount: once the first row is recorded, events.jsonl
 * becomes a symlink to /dev/full, whose every write fails in the kernel with ENOSPC. The run must
 * end with one line saying what and what to do (no stack trace), keep the rows it recorded intact,
 * and leave no server running.
 */
test('ENOSPC mid-run (writes to /dev/full): one clear message, finished rows kept whole, no server left', async t => {
	if (!fs.existsSync('/dev/full')) {
		t.log('skipped: no /dev/full on this system');
		t.pass();
		return;
	}

	const dir = tempDir('enospc');
	const args = ['run', writePlan(dir, smallPlan()), '--recipe', simRecipeFile(dir), '--headless', '--output-dir', path.join(dir, 'runs')];
	const child = spawn(process.execPath, [cliPath, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	// Should the test itself fail mid-run, the runner still stops its servers (SIGTERM), not orphaned.
	t.teardown(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
	});
	let runDir = '';
	let buffer = '';
	let stderr = '';
	let filled = false;
	const seen = new Set<number>();
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		buffer += chunk;
		const lines = buffer.split('\n');
		buffer = lines.pop() ?? '';
		for (const line of lines) {
			const event = JSON.parse(line) as {type: string; runDir?: string};
			if (event.type === 'run-started') runDir = event.runDir!;
			if (event.type === 'row-recorded' && !filled) {
				filled = true;
				for (const pid of simServerPids(runDir)) seen.add(pid);
				// Renamed over the journal in one step: the runner appends to it all the time.
				const events = path.join(runDir, 'events.jsonl');
				fs.symlinkSync('/dev/full', `${events}.full`);
				fs.renameSync(`${events}.full`, events);
			}
		}
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearTimeout(timer);
	t.true(filled, `no row was recorded before the run ended: ${stderr}`);
	t.is(code, 1, stderr);
	const lines = stderr.trim().split('\n');
	t.is(lines.length, 1, stderr);
	t.regex(lines[0]!, /^llm-bench-tui: the disk is full \(ENOSPC\) at .*events\.jsonl\. Rows already recorded are kept .*--resume RUN_DIR\.$/);
	t.notRegex(stderr, /^\s+at /m, 'no stack trace');
	// Every line of results.jsonl is a whole row, and the row recorded before the disk filled is there.
	const text = fs.readFileSync(path.join(runDir, 'results.jsonl'), 'utf8');
	t.true(text.endsWith('\n'), 'no torn last line');
	const rows = text
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as ResultRow);
	t.true(rows.length >= 1);
	t.is(rows[0]!.candidate_id, 'vllm-00-baseline');
	t.true(seen.size > 0, 'a server was running when the disk filled');
	await waitFor(() => [...seen].every(pid => !alive(pid)), {timeoutMs: 10_000, stepMs: 100}).catch(() => {});
	t.deepEqual(
		[...seen].filter(pid => alive(pid)),
		[],
		'the server was stopped',
	);
});
