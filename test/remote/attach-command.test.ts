import test from 'ava';
import {runCli} from '../helpers/run-cli.js';

test('attach without an address is a usage error (exit 2) that shows the usage', async t => {
	const result = await runCli(['attach']);
	t.is(result.exitCode, 2);
	t.regex(result.stderr, /attach: give one ws:\/\/HOST:PORT address \(got none\)/);
	t.regex(result.stderr, /Usage: llm-bench-tui attach/);
});

test('attach to a port where nothing listens says so, without a stack trace', async t => {
	const result = await runCli(['attach', 'ws://127.0.0.1:1']);
	t.is(result.exitCode, 1);
	t.regex(result.stderr, /attach: cannot connect to ws:\/\/127\.0\.0\.1:1: .*--serve-ws/);
	t.notRegex(result.stderr, /\n\s+at /);
});
