import {spawn} from 'node:child_process';
import test from 'ava';
import {environmentFailure} from '../../source/environment-failure.js';
import {cliPath} from '../helpers/run-cli.js';
import {startFixedTimingServer} from '../helpers/fixed-timing-server.js';

test('Ctrl-C on bench cancels the requests in flight, prints what was measured and exits 130', async t => {
	// Every request hangs after its headers: without cancelling, bench would wait for its 600 s timeout.
	const server = await startFixedTimingServer({firstTokenMs: 5, tokenGapMs: 2, failure: () => 'hang'});
	try {
		const child = spawn(
			process.execPath,
			[cliPath, 'bench', '--base-url', server.baseUrl, '--model', 'm', '--num-prompts', '4', '--warmup', '0', '--input-len', '8', '--output-len', '4'],
			{stdio: ['ignore', 'pipe', 'pipe']},
		);
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
		// Long enough for tsx to start and the four requests to be sent.
		const interrupt = setTimeout(() => child.kill('SIGINT'), 4000);
		const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		const code = await new Promise<number | null>(resolve => child.on('close', resolve));
		clearTimeout(interrupt);
		clearTimeout(killer);
		t.is(code, 130, output);
		t.regex(output, /aborted: 4 in-flight request\(s\) cancelled/);
		t.regex(output, /interrupted \(SIGINT\)/);
	} finally {
		await server.close();
	}
});

test('a full disk or a read-only folder is one line with what to do, not a stack trace', t => {
	const error = Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC', syscall: 'write', path: '/runs/r1/results.jsonl'});
	t.is(
		environmentFailure(error),
		"the disk is full (ENOSPC) at /runs/r1/results.jsonl. Rows already recorded are kept in the run's results.jsonl; fix the cause, then continue with --resume RUN_DIR.",
	);
	t.regex(environmentFailure({code: 'EROFS', syscall: 'open'}) ?? '', /^the file system is read-only \(EROFS\) \(open\)/);
	t.is(environmentFailure(new TypeError('x is undefined')), null, 'a bug keeps its stack');
});
