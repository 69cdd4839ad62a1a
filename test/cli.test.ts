import test from 'ava';
import {runCli} from './helpers/run-cli.js';

test('unknown command exits 2 with usage', async t => {
	const result = await runCli(['frobnicate']);
	t.is(result.exitCode, 2);
	t.regex(result.stderr, /unknown command 'frobnicate'/);
	t.notRegex(result.stderr, /at .*\.ts:\d+/);
});

test('--help lists every command', async t => {
	const result = await runCli(['--help']);
	t.is(result.exitCode, 0);
	for (const name of ['run', 'demo', 'validate', 'plan', 'bench', 'report', 'import', 'attach']) {
		t.regex(result.stdout, new RegExp(`llm-bench-tui ${name}\\b`));
	}
});
