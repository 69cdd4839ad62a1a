import {spawn} from 'node:child_process';
import path from 'node:path';
import test from 'ava';
import {readJsonl} from '../../source/engine/artifacts.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {cliPath} from '../helpers/run-cli.js';
import {alive, simRecipeFile, simServerPids, smallPlan, tempDir, writePlan} from './sim-fixture.js';

test('SIGINT during a benchmark: every server stopped, unfinished candidates skipped, report written, exit 0', async t => {
	const dir = tempDir('sigint');
	const args = ['run', writePlan(dir, smallPlan()), '--recipe', simRecipeFile(dir), '--headless', '--output-dir', path.join(dir, 'runs')];
	const child = spawn(process.execPath, [cliPath, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	let runDir = '';
	let buffer = '';
	const seen = new Set<number>();
	let stderr = '';
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
				child.kill('SIGINT');
			}
		}
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearTimeout(timer);
	t.is(code, 0, stderr);
	t.true(seen.size > 0, 'a server was running at the interrupt');
	t.deepEqual([...seen, ...simServerPids(runDir)].filter(pid => alive(pid)), []);
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	t.true(rows.filter(row => row.status === 'skipped').length >= 2);
	t.true(rows.filter(row => row.status === 'skipped').every(row => row.failure_reason?.includes('SIGINT')));
	t.regex(stderr, /run finished/);
});
