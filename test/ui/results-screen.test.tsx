import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app/app.js';
import {ResultsView} from '../../source/ui/results/results-view.js';
import {textTable} from '../../source/ui/results/text-table.js';
import {commandWords, unwrapCommand, wrapCommand} from '../../source/ui/results/wrap-command.js';
import type {EngineEvent} from '../../source/events.js';
import {createFakeSession} from '../helpers/fake-session.js';
import {demoEvents} from '../helpers/demo-events.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeRow} from '../report/make-row.js';

const strip = (frame = '') => frame.replace(/\u001B\[[0-9;]*m/g, '');
const keys = {down: '\u001B[B', up: '\u001B[A', pageDown: '\u001B[6~', pageUp: '\u001B[5~', home: '\u001B[H', end: '\u001B[F', enter: '\r', escape: '\u001B'};
const t0 = 1_700_000_000_000;

/** The demo run finishing in a real run directory holding the OOM candidate's server log. */
function finishedRun(t: {teardown: (fn: () => void) => void}) {
	const runDir = mkdtempSync(path.join(os.tmpdir(), 'tui-results-'));
	t.teardown(() => rmSync(runDir, {recursive: true, force: true}));
	const logDir = path.join(runDir, 'runs/demo/vllm/vllm-01-max-num-seqs-128');
	mkdirSync(logDir, {recursive: true});
	writeFileSync(path.join(logDir, 'server.log'), 'INFO starting\nINFO loading weights\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n');
	const events = demoEvents(t0).map(event => (event.type === 'run-finished' || event.type === 'run-started' ? {...event, runDir} : event)) as EngineEvent[];
	return {runDir, events};
}

test('results scroll: ↓, PgDn, End, PgUp, Home move a window over the whole report', async t => {
	const {events} = finishedRun(t);
	const session = createFakeSession(events);
	await session.play();
	const {lastFrame, stdin, unmount} = render(<App session={session} now={t0} refreshMs={5} />);
	const position = () => /lines (\d+)–(\d+) of (\d+)/.exec(strip(lastFrame()))?.slice(1).map(Number) ?? null;
	t.true(await waitFor(() => position()?.[0] === 1, {timeoutMs: 5000}), strip(lastFrame()));
	const [, shown, total] = position()!;
	t.true(total! > shown!, 'the report is taller than 30 rows');
	t.true(strip(lastFrame()).includes('Run finished'));
	t.true(strip(lastFrame()).includes('Cost 2712 GPU-seconds over 4 server launches (simulated box time)'), 'what the search spent, under the title');
	stdin.write(keys.down);
	t.true(await waitFor(() => position()?.[0] === 2));
	stdin.write(keys.pageDown);
	t.true(await waitFor(() => position()![0]! > 2));
	stdin.write(keys.end);
	t.true(await waitFor(() => position()?.[1] === total));
	t.true(strip(lastFrame()).includes('· end'));
	t.true(strip(lastFrame()).includes('Artifacts'), 'the end of the report is reachable');
	stdin.write(keys.pageUp);
	t.true(await waitFor(() => position()![1]! < total!));
	stdin.write(keys.home);
	t.true(await waitFor(() => position()?.[0] === 1));
	// Five ↓ in one read (a held key over ssh) move five lines.
	stdin.write(keys.down.repeat(5));
	t.true(await waitFor(() => position()?.[0] === 6), `${position()}`);
	unmount();
});

test('l after the run: a picker on the failed candidate, enter opens its rows and its server log, esc goes back', async t => {
	const {events} = finishedRun(t);
	const session = createFakeSession(events);
	await session.play();
	const {lastFrame, stdin, unmount} = render(<App session={session} now={t0} refreshMs={5} />);
	t.true(await waitFor(() => strip(lastFrame()).includes('lines 1–'), {timeoutMs: 5000}));
	stdin.write('l');
	t.true(await waitFor(() => strip(lastFrame()).includes('Candidates · 4')));
	t.regex(strip(lastFrame()), /❯ ✘ vllm-01-max-num-seqs-128 oom/, 'the failed candidate is picked first');
	stdin.write(keys.enter);
	t.true(await waitFor(() => strip(lastFrame()).includes('torch.OutOfMemoryError: CUDA out of memory'), {timeoutMs: 5000}), strip(lastFrame()));
	const frame = strip(lastFrame());
	t.true(frame.includes('✘ vllm-01-max-num-seqs-128 oom — CUDA out of memory while loading'));
	t.true(frame.includes('chat · steady · rate 4'));
	t.true(frame.includes('Server log runs/demo/vllm/vllm-01-max-num-seqs-128/server.log · last 3 of 3 lines'));
	stdin.write(keys.escape);
	t.true(await waitFor(() => strip(lastFrame()).includes('Candidates · 4')));
	stdin.write(keys.up);
	t.true(await waitFor(() => /❯ ✔ vllm-00-baseline/.test(strip(lastFrame()))));
	stdin.write(keys.enter);
	t.true(await waitFor(() => strip(lastFrame()).includes('requests 40 ok · 0 failed'), {timeoutMs: 5000}), strip(lastFrame()));
	t.true(await waitFor(() => strip(lastFrame()).includes('cannot read'), {timeoutMs: 5000}), `a log that is not there says so:\n${strip(lastFrame())}`);
	stdin.write(keys.escape);
	t.true(await waitFor(() => strip(lastFrame()).includes('Candidates · 4')));
	stdin.write(keys.escape);
	t.true(await waitFor(() => strip(lastFrame()).includes('lines 1–')));
	unmount();
});

const longIds = ['tensorrt_llm-03-max-batch-size-128-max-num-tokens-16384-kv-0.9', 'sglang-07-chunked-prefill-size-8192-schedule-policy-lpm', 'vllm-05-max-num-batched-tokens-16384-max-num-seqs-512'];

test('candidate ids stay whole at 100 columns: other text gives way first, then an id gets its own line', t => {
	const columns = ['#', 'framework', 'candidate', 'rate', 'req/s', 'out tok/s', 'p99 TTFT', 'p99 TPOT', 'GPUs'];
	const rows = longIds.map((candidate, i) => ({'#': String(i + 1), framework: ['TensorRT-LLM', 'SGLang', 'vLLM'][i]!, candidate, rate: '16.000', 'req/s': '15.62', 'out tok/s': '3124', 'p99 TTFT': '483.0', 'p99 TPOT': '21.33', GPUs: '8'}));
	for (const width of [98, 80, 64]) {
		const lines = textTable(rows, columns, 'candidate', width, ['framework']);
		t.true(lines.every(line => line.length <= width), `fits ${width}:\n${lines.join('\n')}`);
		for (const id of longIds) t.true(lines.some(line => line.includes(id)), `${id} whole at ${width}`);
		t.true(lines.some(line => line.includes('15.62')), 'numbers are never cut');
	}

	t.true(textTable(rows, columns, 'candidate', 98, ['framework']).every(line => !line.includes('…')));
});

test('the results view at 100 columns: caveats (the search ceiling) and every candidate id whole', t => {
	const rounds = [4, 8, 16].map(rate => ({request_rate: rate, passed: true, request_throughput: rate, p99_ttft_ms: 100, p99_tpot_ms: 10, p50_ttft_ms: 50, p50_tpot_ms: 5, output_token_throughput: rate * 100, offered_request_rate: rate, reason: null}));
	const rows = longIds.map((id, i) => makeRow({candidate_id: id, framework: ['tensorrt_llm', 'sglang', 'vllm'][i]!, workload: {request_rate: 16}, qps_rounds: rounds}));
	const frame = strip(render(<ResultsView rows={rows} width={98} charts={false} />).lastFrame());
	t.true(frame.split('\n').every(line => line.length <= 100));
	t.regex(frame, /Caveats\n/);
	t.regex(frame.replaceAll('\n', ' '), /search ceiling passed the SLA/);
	for (const id of longIds) t.true(frame.includes(`${id} `) || frame.includes(`${id}\n`), `${id} whole`);
});

/** What bash reads: the argv of `printf '%s\n' <text>`. */
function shellArgv(text: string): string {
	return execFileSync('bash', ['-c', `printf '%s\\n' ${text}`], {encoding: 'utf8'});
}

test('winner commands wrap only between words; a word longer than the line splits where the shell joins it back', t => {
	const commands = [
		'python -m sglang.launch_server --model-path Qwen/Qwen3-32B --tp-size 4 --mem-fraction-static 0.88 --chunked-prefill-size 8192 --host 127.0.0.1 --port 30000',
		`llm-bench-tui bench --dataset /tmp/llm-bench-e2e-abcdef/2026-12-01T17-06-29-quick/workload/chat.jsonl --result-filename /tmp/llm-bench-e2e-abcdef/2026-12-01T17-06-29-quick/sglang/sglang-00-baseline/chat/steady-r1-qps4.json`,
		`vllm serve Qwen/Qwen3-32B --speculative-config '{"method":"eagle3","model":"${'x'.repeat(70)}/EAGLE3","num_speculative_tokens":3}' --x "a b ${'y'.repeat(60)}" --port 8000`,
	];
	for (const command of commands) {
		for (const width of [98, 60, 40]) {
			const lines = wrapCommand(command, width);
			t.true(lines.every(line => line.length <= width), `fits ${width}`);
			t.is(unwrapCommand(lines), command);
			t.is(shellArgv(lines.join('\n')), shellArgv(command), 'pastes as the same argv');
			// Every word that fits a line is on one line, whole.
			for (const word of commandWords(command).filter(w => w.length <= width - 2)) t.true(lines.some(line => line.includes(word)), `${word} whole at ${width}`);
		}
	}

	t.true(wrapCommand('vllm serve model-name --max-num-batched-tokens 16384', 40).some(line => line.includes('--max-num-batched-tokens 16384')), 'a flag and its value stay together');
});
