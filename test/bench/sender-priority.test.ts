import {readFileSync} from 'node:fs';
import {Worker} from 'node:worker_threads';
import test from 'ava';
import {formatSummary} from '../../source/bench/format-summary.js';
import {runBenchmark} from '../../source/bench/run-benchmark.js';
import {raiseThreadPriority, sendPriorityMode} from '../../source/bench/sender-priority.js';
import type {WorkloadRow} from '../../source/results/workload-row.js';
import {startFixedTimingServer} from '../helpers/fixed-timing-server.js';
import {runCli} from '../helpers/run-cli.js';

const rows = (count: number): WorkloadRow[] => Array.from({length: count}, (_, index) => ({prompt: `p${index}`, output_len: 2, prompt_len: 2}));

/** The kernel's word on a thread of this process: its policy (0 normal, 1 SCHED_FIFO) and nice. */
function scheduling(threadId: number): {policy: number; nice: number; rtPriority: number} {
	const stat = readFileSync(`/proc/self/task/${threadId}/stat`, 'utf8');
	// Fields after the parenthesised name, which may itself hold spaces: field 3 is the first.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return {nice: Number(fields[19 - 3]), rtPriority: Number(fields[40 - 3]), policy: Number(fields[41 - 3])};
}

/** A thread that reports its kernel id and then sleeps until terminated. */
async function sleepingThread(): Promise<{threadId: number; stop(): Promise<number>}> {
	const worker = new Worker(
		`const {parentPort} = require('node:worker_threads');
		parentPort.postMessage(Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()));
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);`,
		{eval: true},
	);
	const threadId = await new Promise<number>(resolve => worker.once('message', resolve));
	return {threadId, stop: async () => worker.terminate()};
}

test('LLM_BENCH_SEND_PRIORITY: unset or empty means realtime; an unknown value is an error that names it', t => {
	t.is(sendPriorityMode({}), 'realtime');
	t.is(sendPriorityMode({LLM_BENCH_SEND_PRIORITY: ''}), 'realtime');
	t.is(sendPriorityMode({LLM_BENCH_SEND_PRIORITY: 'nice'}), 'nice');
	t.is(sendPriorityMode({LLM_BENCH_SEND_PRIORITY: 'normal'}), 'normal');
	t.throws(() => sendPriorityMode({LLM_BENCH_SEND_PRIORITY: 'fifo'}), {
		message: /LLM_BENCH_SEND_PRIORITY=fifo: expected realtime, nice, normal .*; fix or unset it/,
	});
});

const linux = process.platform === 'linux' ? test.serial : test.skip;

linux('what raiseThreadPriority says it got is what the kernel reports for that thread', async t => {
	for (const mode of ['realtime', 'nice', 'normal'] as const) {
		const thread = await sleepingThread();
		const before = scheduling(thread.threadId);
		const got = await raiseThreadPriority(thread.threadId, mode);
		const after = scheduling(thread.threadId);
		await thread.stop();
		if (got.text.startsWith('SCHED_FIFO 10')) {
			t.is(mode, 'realtime');
			t.deepEqual([after.policy, after.rtPriority], [1, 10], mode);
		} else if (got.text.startsWith('nice -10')) {
			t.not(mode, 'normal');
			t.deepEqual([after.policy, after.nice], [0, -10], mode);
			if (mode === 'realtime') t.regex(got.text, /\(SCHED_FIFO: .+\)/, 'says why real-time was refused');
		} else {
			t.false(got.raised, mode);
			t.deepEqual(after, before, `${mode}: left as it was`);
			t.regex(got.text, mode === 'normal' ? /LLM_BENCH_SEND_PRIORITY=normal/ : /^normal priority \(.*nice -10: E[A-Z]+/, 'says why');
		}
		t.is(got.raised, !got.text.startsWith('normal'), got.text);
		t.is(got.refused, !got.raised && mode !== 'normal', 'refused only when the OS said no');
		t.false(got.text.includes(String(thread.threadId)), 'no thread id: the text is the same for every round of a run');
	}
	const noThread = await raiseThreadPriority(null, 'realtime');
	t.false(noThread.raised, 'no thread id: nothing to raise, and it says so');
	t.false(noThread.refused, 'no thread id is no refusal: no CAP_SYS_NICE advice');
});

test.serial('a paced run says how its sends were timed and how late they went; a mistyped priority fails it', async t => {
	const server = await startFixedTimingServer({firstTokenMs: 1, tokenGapMs: 1});
	t.teardown(async () => server.close());
	const summary = await runBenchmark({baseUrl: server.baseUrl, model: 'm', endpoint: '/v1/completions', rows: rows(40), requestRate: 400, seed: 1});
	t.is(summary.completed, 40);
	t.regex(summary.sender ?? '', /^worker thread, (SCHED_FIFO 10|nice -10.*|normal priority \(.+\))$/);
	const unraised = summary.sender!.includes('normal priority');
	t.is(
		(summary.clientNotes ?? []).some(note => note.includes('CAP_SYS_NICE')),
		unraised,
		'an operator is told when the sends could not be real-time, and only then',
	);
	const text = formatSummary(summary);
	t.regex(text, /P99 send lag vs schedule \(ms\):\s+\d+\.\d{3}/);
	t.regex(text, /^Sender: worker thread, /m);
	const burst = await runBenchmark({baseUrl: server.baseUrl, model: 'm', endpoint: '/v1/completions', rows: rows(5), requestRate: Number.POSITIVE_INFINITY});
	t.is(burst.sender, 'all at once (no pacing)');
	t.notRegex(formatSummary(burst), /send lag/, 'a burst has no schedule to lag behind');
	process.env.LLM_BENCH_SEND_PRIORITY = 'fast';
	try {
		await t.throwsAsync(runBenchmark({baseUrl: server.baseUrl, model: 'm', endpoint: '/v1/completions', rows: rows(5), requestRate: 400}), {
			message: /LLM_BENCH_SEND_PRIORITY=fast/,
		});
	} finally {
		delete process.env.LLM_BENCH_SEND_PRIORITY;
	}
});

test('a mistyped LLM_BENCH_SEND_PRIORITY ends `bench` and `demo` at once: one line naming it, exit 2, nothing started', async t => {
	for (const args of [
		['bench', '--base-url', 'http://127.0.0.1:9', '--model', 'm', '--request-rate', '10'],
		['demo', '--headless'],
	]) {
		const result = await runCli(args, {env: {LLM_BENCH_SEND_PRIORITY: 'fifo'}});
		t.is(result.exitCode, 2, args[0]);
		t.is(
			result.stderr.trim(),
			'llm-bench-tui: environment variable LLM_BENCH_SEND_PRIORITY=fifo: expected realtime, nice, normal (or unset for realtime); fix or unset it',
		);
		t.is(result.stdout, '', `${args[0]}: no run began`);
	}
});
