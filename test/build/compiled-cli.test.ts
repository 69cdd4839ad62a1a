import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {repoRoot} from '../helpers/run-cli.js';

/**
 * The shipped JavaScript (scripts/build.mjs, what `prepare` and `prepack` run) works on its own:
 * built into a scratch directory inside the package (so node_modules resolves as from dist/), run
 * from another working directory, with JSX compiled for the TUI. The rest of the suite runs the
 * TypeScript sources (LLM_BENCH_TUI_FROM_SOURCE=1 in the ava config), so it never tests a stale build.
 */
const outDir = path.join(repoRoot, 'node_modules', '.cache', `llm-bench-tui-build-test-${process.pid}`);
const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-compiled-'));

test.before(() => {
	const built = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), outDir], {cwd: repoRoot, encoding: 'utf8'});
	if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
});

test.after.always(() => {
	fs.rmSync(outDir, {recursive: true, force: true});
	fs.rmSync(elsewhere, {recursive: true, force: true});
});

test('the compiled CLI validates a config from another directory, with no TypeScript loader', t => {
	const result = spawnSync(process.execPath, [path.join(outDir, 'cli.js'), 'validate', path.join(repoRoot, 'configs/demo/quick.yaml')], {
		cwd: elsewhere,
		encoding: 'utf8',
		env: {...process.env, NODE_OPTIONS: ''},
	});
	t.is(result.status, 0, result.stderr);
	t.regex(result.stdout, /1 file\(s\) checked: 1 valid, 0 invalid/);
	const chunks = fs.readdirSync(outDir).filter(file => file.endsWith('.js'));
	t.true(chunks.length > 3, 'commands are separate chunks, loaded on demand');
	t.false(
		chunks.some(file => fs.readFileSync(path.join(outDir, file), 'utf8').includes("from 'tsx")),
		'nothing in the build loads tsx',
	);
});

test('the compiled TUI renders (JSX in the build) and a user error is still one message', async t => {
	const bad = spawnSync(
		process.execPath,
		[path.join(outDir, 'cli.js'), 'run', path.join(repoRoot, 'configs/demo/quick.yaml'), '--recipe', 'no-such-recipe', '--yes'],
		{cwd: elsewhere, encoding: 'utf8', env: {...process.env, CI: 'false'}},
	);
	t.is(bad.status, 1);
	t.regex(bad.stderr, /unknown recipe 'no-such-recipe'/);
	t.notRegex(bad.stderr, /^\s+at /m);

	const child = spawn(
		process.execPath,
		[path.join(outDir, 'cli.js'), 'run', path.join(repoRoot, 'configs/demo/quick.yaml'), '--recipe', 'simulated', '--yes', '--output-dir', elsewhere],
		{cwd: elsewhere, env: {...process.env, CI: 'false'}, stdio: ['ignore', 'pipe', 'pipe']},
	);
	let screen = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
	const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	const deadline = Date.now() + 60_000;
	while (!/Preflight/.test(screen) && Date.now() < deadline && child.exitCode === null) await new Promise(resolve => setTimeout(resolve, 100));
	child.kill('SIGINT');
	const code = await exited;
	t.regex(screen, /Preflight/, 'Ink drew the preflight screen');
	t.not(code, 0, 'an interrupted run does not exit 0');
});
