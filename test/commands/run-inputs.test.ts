import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {loadRunInputs} from '../../source/commands/load-run-inputs.js';
import {UserError} from '../../source/errors.js';
import {runCli} from '../helpers/run-cli.js';

const stackLine = /^\s+at .+:\d+:\d+\)?$/m;

/** One message on stderr, naming `what`; no stack trace; nothing on stdout (no TUI frame, no events). */
function assertOneMessage(t: import('ava').ExecutionContext, result: {exitCode: number | null; stdout: string; stderr: string}, what: RegExp): void {
	t.is(result.exitCode, 1, result.stderr);
	t.regex(result.stderr, what);
	t.notRegex(result.stderr, stackLine);
	t.notRegex(result.stderr, /UserError|node:internal/);
	t.is(result.stderr.match(/llm-bench-tui:/g)?.length, 1, result.stderr);
	t.is(result.stdout.trim(), '');
}

// Without --headless the run goes to the TUI path; CI=false keeps Ink rendering as in a terminal.
const tui = {env: {CI: 'false'}};

test('TUI mode: an unknown --recipe is one message naming it, exit 1, no stack trace', async t => {
	const result = await runCli(['run', 'configs/demo/quick.yaml', '--recipe', 'no-such-recipe', '--yes'], tui);
	assertOneMessage(t, result, /unknown recipe 'no-such-recipe'\. Valid names: .*simulated/);
});

test('TUI mode: a plan path that does not exist is one message naming it', async t => {
	const result = await runCli(['run', 'configs/demo/no-such-plan.yaml', '--yes'], tui);
	assertOneMessage(t, result, /plan configs\/demo\/no-such-plan\.yaml: cannot read the config: no such file/);
});

test('TUI mode: an invalid plan names the file and the YAML path before any screen opens', async t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-inputs-'));
	const planFile = path.join(dir, 'bad.yaml');
	fs.writeFileSync(planFile, fs.readFileSync('configs/demo/quick.yaml', 'utf8').replace(/^model:/m, 'modle:'));
	const result = await runCli(['run', planFile, '--recipe', 'simulated', '--yes'], tui);
	assertOneMessage(t, result, /cannot run:\n.*bad\.yaml.*modle/);
	t.false(fs.existsSync(path.join(dir, 'runs')), 'no run directory for a plan that never started');
});

test('headless mode: an unknown --recipe is the same one message, no JSONL events', async t => {
	const result = await runCli(['run', 'configs/demo/quick.yaml', '--recipe', 'no-such-recipe', '--headless']);
	assertOneMessage(t, result, /unknown recipe 'no-such-recipe'/);
});

test('served (--serve-ws) mode: a missing recipe file fails before the ws server opens', async t => {
	const result = await runCli(['run', 'configs/demo/quick.yaml', '--recipe', './missing-recipe.yaml', '--serve-ws', '0', '--yes'], tui);
	assertOneMessage(t, result, /--recipe: no file at \.\/missing-recipe\.yaml/);
	t.notRegex(result.stderr, /serving ws:/);
});

test('demo --resume with no earlier run is one message in TUI mode', async t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-resume-'));
	const result = await runCli(['demo', '--resume', '--output-dir', dir, '--yes'], tui);
	assertOneMessage(t, result, /--resume: no run directory under/);
});

test('loadRunInputs hands the engine typed values: the plan, the recipe, a fresh run directory', async t => {
	const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-out-'));
	const inputs = await loadRunInputs({planFile: 'configs/demo/quick.yaml', recipe: 'simulated', outputDir});
	t.is(inputs.recipe.recipe.kind, 'simulated');
	t.is(inputs.plan.sourceFile, 'configs/demo/quick.yaml');
	t.is(path.dirname(inputs.runDir), outputDir);
	t.false(inputs.resumed);
	t.false(fs.existsSync(inputs.runDir), 'loading inputs creates nothing');
	const local = await loadRunInputs({planFile: 'configs/demo/quick.yaml', outputDir});
	t.is(local.recipe.recipe.kind, 'local');
	// --resume of a directory that does not exist is refused, never silently started fresh there.
	await t.throwsAsync(loadRunInputs({planFile: 'configs/demo/quick.yaml', outputDir, resume: path.join(outputDir, 'r1')}), {
		instanceOf: UserError,
		message: /r1 does not exist/,
	});
	await t.throwsAsync(loadRunInputs({planFile: 'configs/demo/quick.yaml', outputDir, resume: true}), {
		instanceOf: UserError,
		message: /--resume: no run directory/,
	});
	fs.mkdirSync(path.join(outputDir, 'r1'));
	fs.writeFileSync(path.join(outputDir, 'r1', 'events.jsonl'), '');
	const resumed = await loadRunInputs({planFile: 'configs/demo/quick.yaml', outputDir, resume: path.join(outputDir, 'r1')});
	t.deepEqual([resumed.runDir, resumed.resumed], [path.join(outputDir, 'r1'), true]);
});
