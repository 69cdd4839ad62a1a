import {mkdtemp, readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {parseBenchArgs} from '../../source/commands/bench-args.js';
import {UsageError} from '../../source/errors.js';
import {runCli} from '../helpers/run-cli.js';
import {startFixedTimingServer} from '../helpers/fixed-timing-server.js';

test('bench runs against a server, prints the table, writes summary and details', async t => {
	const server = await startFixedTimingServer({firstTokenMs: 5, tokenGapMs: 1});
	t.teardown(async () => server.close());
	const directory = await mkdtemp(path.join(os.tmpdir(), 'bench-cli-'));
	const summaryFile = path.join(directory, 'summary.json');
	const detailsFile = path.join(directory, 'details.jsonl');
	const result = await runCli([
		'bench',
		'--base-url',
		server.baseUrl,
		'--model',
		'm',
		'--num-prompts',
		'5',
		'--input-len',
		'8',
		'--output-len',
		'4',
		'--request-rate',
		'inf',
		'--warmup',
		'0',
		'--goodput',
		'ttft:10000',
		'e2e:20000',
		'--output-file',
		summaryFile,
		'--output-details',
		detailsFile,
	]);
	t.is(result.exitCode, 0, result.stderr);
	t.regex(result.stdout, /Successful requests:\s+5/);
	t.regex(result.stdout, /P99 TTFT \(ms\):/);
	t.regex(result.stderr, /token-id lists/);
	const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as {completed: number; metrics: {success_rate: number; request_goodput: number}};
	t.is(summary.completed, 5);
	t.is(summary.metrics.success_rate, 1);
	t.true(summary.metrics.request_goodput > 0);
	const details = (await readFile(detailsFile, 'utf8'))
		.trim()
		.split('\n')
		.map(line => JSON.parse(line) as {outputTokens: number; itlMs: number[]});
	t.is(details.length, 5);
	t.true(details.every(detail => detail.outputTokens === 4 && detail.itlMs.length === 3));
	t.is((server.bodies[0]!.prompt as number[]).length, 8);
});

const bad: Array<[string[], RegExp]> = [
	[['--model', 'm'], /--base-url is required/],
	[['--base-url', 'http://x', '--model', 'm', '--request-rate', 'fast'], /--request-rate fast/],
	[['--base-url', 'http://x', '--model', 'm', '--endpoint', '/generate'], /--endpoint \/generate/],
	[['--base-url', 'http://x', '--model', 'm', '--dataset', 'jsonl'], /--dataset jsonl needs --dataset-path/],
	[['--base-url', 'http://x', '--model', 'm', '--goodput', 'ttft:x'], /--goodput/],
	[['--base-url', 'http://x', '--model', 'm', '--extra-request-body', '{nope'], /--extra-request-body/],
	[['--base-url', 'http://x', '--model', 'm', '--range-ratio', '2'], /--range-ratio 2/],
];

for (const [args, message] of bad) {
	test(`bad usage is a UsageError naming the flag: ${args.slice(-2).join(' ')}`, t => {
		const error = t.throws(() => parseBenchArgs(args, 'usage'));
		t.true(error instanceof UsageError);
		t.regex(error!.message, message);
	});
}

test('bad usage from the CLI exits 2 without a stack trace', async t => {
	const result = await runCli(['bench', '--base-url', 'http://x', '--model', 'm', '--num-prompts', '0']);
	t.is(result.exitCode, 2);
	t.regex(result.stderr, /--num-prompts 0: must be a positive integer/);
	t.false(result.stderr.includes('    at '));
});

test('goodput takes several NAME:MS words', t => {
	const args = parseBenchArgs(['--base-url', 'http://x', '--model', 'm', '--goodput', 'ttft:500', 'tpot:50', 'e2el:9000', '--seed', '3'], 'usage');
	t.deepEqual(args.goodput, {ttftMs: 500, tpotMs: 50, e2eMs: 9000});
	t.is(args.seed, 3);
	t.is(args.requestRate, Number.POSITIVE_INFINITY);
});
