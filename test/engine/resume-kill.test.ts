import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {readJsonl} from '../../source/engine/artifacts.js';
import {rowKey, type ResultRow} from '../../source/results/result-row.js';
import {cliPath, runCli} from '../helpers/run-cli.js';
import {alive, simRecipeFile, simServerPids, smallPlan, tempDir, writePlan} from './sim-fixture.js';

const expectedKeys = [
	'vllm|vllm-00-baseline|chat|none|burst',
	'vllm|vllm-00-baseline|chat|none|smoke',
	'vllm|vllm-00-baseline|chat|none|steady',
	'vllm|vllm-01-max-num-seqs-32|chat|none|burst',
	'vllm|vllm-01-max-num-seqs-32|chat|none|steady',
];

/** Start a headless run and SIGKILL it right after its first steady row is on disk. */
async function runUntilFirstSteadyRow(args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
		let runDir = '';
		let buffer = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error('no steady row within 90 s'));
		}, 90_000);
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			buffer += chunk;
			const lines = buffer.split('\n');
			buffer = lines.pop() ?? '';
			for (const line of lines) {
				const event = JSON.parse(line) as {type: string; runDir?: string; row?: ResultRow};
				if (event.type === 'run-started') runDir = event.runDir!;
				if (event.type === 'row-recorded' && event.row?.workload.load_mode === 'steady') {
					child.kill('SIGKILL');
					clearTimeout(timer);
					resolve(runDir);
				}
			}
		});
		child.on('error', reject);
	});
}

test('kill -9 mid-run, then --resume: the final rows are the full set, none twice, nothing re-run', async t => {
	const dir = tempDir('resume');
	const plan = writePlan(dir, smallPlan());
	const recipe = simRecipeFile(dir);
	const output = path.join(dir, 'runs');
	const runDir = await runUntilFirstSteadyRow(['run', plan, '--recipe', recipe, '--headless', '--output-dir', output]);
	// A kill -9 cannot stop the server it had started; --resume must stop it before preflight finds GPU 0 held.
	const leftover = simServerPids(runDir).filter(pid => alive(pid));
	const registered = (JSON.parse(readFileSync(path.join(runDir, 'servers.json'), 'utf8')) as {servers: unknown[]}).servers;
	t.true(registered.length > 0, 'the killed run had a server registered in servers.json');
	const before = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl')).map(row => rowKey(row));
	t.true(before.includes('vllm|vllm-00-baseline|chat|none|steady'));
	t.true(before.length < expectedKeys.length);

	const resumed = await runCli(['run', plan, '--recipe', recipe, '--headless', '--output-dir', output, '--resume'], {timeoutMs: 120_000});
	t.is(resumed.exitCode, 0, resumed.stderr);
	const after = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl')).map(row => rowKey(row));
	t.deepEqual([...after].sort(), expectedKeys);
	t.is(new Set(after).size, after.length, 'no duplicate rows');
	const recorded = resumed.stdout
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as {type: string; row?: ResultRow});
	const rerun = recorded.filter(e => e.type === 'row-recorded').map(e => rowKey(e.row!));
	t.false(
		rerun.some(key => before.includes(key)),
		'finished rows were not measured again',
	);
	t.true(
		recorded.some(e => e.type === 'warning' && /interrupted run left .*stopped process group/.test((e as {message?: string}).message ?? '')),
		'resume says it stopped the leftover server',
	);
	t.deepEqual(
		leftover.filter(pid => alive(pid)),
		[],
		'no server of the killed run is still running',
	);
});
