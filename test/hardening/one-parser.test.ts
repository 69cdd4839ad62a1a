import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {repoRoot, runCli} from '../helpers/run-cli.js';

/** Issue 10: one strict argv parser. Every command goes through commands/parse-command-args.ts. */
test('only the one parser calls node:util parseArgs', t => {
	const dir = path.join(repoRoot, 'source');
	const callers = readdirSync(dir, {recursive: true, encoding: 'utf8'})
		.filter(file => /\.(ts|tsx)$/.test(file))
		.filter(file => /\bparseArgs\s*\(/.test(readFileSync(path.join(dir, file), 'utf8')));
	t.deepEqual(callers, [path.join('commands', 'parse-command-args.ts')]);
});

test('every command refuses an unknown option the same way (exit 2, the command named)', async t => {
	const commands = [
		['run', 'configs/demo/quick.yaml'],
		['demo'],
		['validate', 'configs/demo/quick.yaml'],
		['plan', 'configs/demo/quick.yaml'],
		['bench', '--base-url', 'http://127.0.0.1:9', '--model', 'm'],
		['report', 'x.jsonl'],
		['import', 'x.json'],
		['attach', 'ws://127.0.0.1:1'],
	];
	const results: Array<{argv: string[]; result: Awaited<ReturnType<typeof runCli>>}> = [];
	// Two at a time: the suite shares 2 cores.
	for (let index = 0; index < commands.length; index += 2) {
		results.push(...(await Promise.all(commands.slice(index, index + 2).map(async argv => ({argv, result: await runCli([...argv, '--no-such-option'])})))));
	}

	for (const {argv, result} of results) {
		t.is(result.exitCode, 2, `${argv[0]}: ${result.stderr}`);
		t.regex(result.stderr, new RegExp(`${argv[0]}: Unknown option '--no-such-option'`), argv[0]);
	}
});
