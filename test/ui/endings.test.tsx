import {spawnSync} from 'node:child_process';
import test from 'ava';
import {render} from 'ink-testing-library';
import {finalLine} from '../../source/commands/drive-session.js';
import type {EngineEvent} from '../../source/events.js';
import {App} from '../../source/ui/app/app.js';
import {bindingsFor} from '../../source/ui/keymap.js';
import {createFakeSession} from '../helpers/fake-session.js';
import {demoEvents, stamp} from '../helpers/demo-events.js';
import {cliPath} from '../helpers/run-cli.js';
import {tick, waitFor} from '../helpers/wait-for.js';

const t0 = 1_700_000_000_000;
const strip = (frame = '') => frame.replace(/\u001B\[[0-9;]*m/g, '');

/** The demo run aborted while its second candidate ran. */
function abortedRun(): EngineEvent[] {
	const events = demoEvents(t0);
	const cut = events.findIndex(e => e.type === 'candidate-started' && e.candidateId === 'sglang-01-chunked-prefill-size-8192') + 3;
	const last = events[cut - 1]!.t;
	return [
		...events.slice(0, cut),
		...stamp([
			{type: 'run-aborted', reason: 'interrupted (ctrl-c)'},
			{type: 'candidate-skipped', candidateId: 'sglang-01-chunked-prefill-size-8192', framework: 'sglang', reason: 'run aborted'},
			{type: 'run-finished', runDir: 'runs/demo-run', summaryPath: 'runs/demo-run/summary.md', winners: []},
		], last + 100),
	];
}

test('an aborted run says "aborted" first, with what ran per framework', async t => {
	const session = createFakeSession(abortedRun());
	await session.play();
	const {lastFrame, unmount} = render(<App session={session} now={t0} refreshMs={5} />);
	t.true(await waitFor(() => strip(lastFrame()).includes('Run aborted: interrupted (ctrl-c)')), strip(lastFrame()));
	const frame = strip(lastFrame());
	t.true(frame.includes('sglang 1 of 2 candidates ran, 1 skipped'), frame);
	t.true(frame.includes('vllm 0 of 2 candidates ran, 2 not run'), frame);
	const line = finalLine(abortedRun(), 130);
	t.regex(line, /^llm-bench-tui: run aborted \(interrupted \(ctrl-c\)\): sglang 1 of 2 candidates ran, 1 skipped; vllm 0 of 2 candidates ran, 2 not run; 1 row\(s\) in runs\/demo-run/);
	t.notRegex(line, /no SLA-passing candidate/);
	unmount();
});

test('ctrl-c leaves on the aborted results page, not on a half-drawn frame', async t => {
	const events = abortedRun();
	const cut = events.findIndex(e => e.type === 'run-aborted');
	const session = createFakeSession(events.slice(0, cut));
	await session.play();
	const {lastFrame, stdin, unmount} = render(<App session={session} now={t0} refreshMs={5} />);
	await tick();
	stdin.write('\u0003');
	t.true(await waitFor(() => session.calls.abort.length === 1));
	for (const event of events.slice(cut)) session.emit(event);
	t.true(await waitFor(() => strip(lastFrame()).includes('Run aborted: interrupted (ctrl-c)')), strip(lastFrame()));
	t.false(strip(lastFrame()).includes('reading the run manifest'));
	unmount();
});

test('a read-only viewer is offered no steering keys, and its ctrl-c leaves without aborting the run', async t => {
	t.false(bindingsFor('live', true).some(binding => binding.command === 'skip' || binding.command === 'abort'));
	const session = createFakeSession(demoEvents(t0).slice(0, 14));
	await session.play();
	const {lastFrame, stdin, unmount} = render(<App session={session} now={t0} refreshMs={5} readOnly />);
	await tick();
	const footer = strip(lastFrame()).split('\n').at(-1)!;
	t.false(/\bs skip|\ba abort/.test(footer), footer);
	t.true(footer.includes('l server logs'));
	stdin.write('s');
	stdin.write('a');
	stdin.write('\u0003');
	await tick(50);
	t.deepEqual(session.calls.skip, []);
	t.deepEqual(session.calls.abort, [], 'the run goes on where it runs');
	unmount();
});

test('--version prints the package version', t => {
	const result = spawnSync(process.execPath, [cliPath, '--version'], {encoding: 'utf8', env: {...process.env, LLM_BENCH_TUI_FROM_SOURCE: '1'}});
	t.is(result.status, 0, result.stderr);
	t.regex(result.stdout, /^llm-bench-tui \d+\.\d+\.\d+\n$/);
});

test('a finished run’s last line says what the search spent, on whose clock', t => {
	const finished = (cost?: {gpu_seconds: number; servers_launched: number; clock: 'simulated' | 'wall'}): EngineEvent[] =>
		stamp([
			{type: 'run-finished', runDir: 'runs/r', summaryPath: 'runs/r/summary.md', winners: [{framework: 'vllm', scenario: 'chat', candidateId: 'vllm-00-baseline'}], ...(cost ? {cost} : {})},
		], t0);
	t.regex(
		finalLine(finished({gpu_seconds: 1234.5678, servers_launched: 8, clock: 'simulated'}), 0),
		/winners: vllm\/chat: vllm-00-baseline; cost: 1235 GPU-seconds over 8 server launches \(simulated box time\)$/,
	);
	t.regex(finalLine(finished({gpu_seconds: 42.25, servers_launched: 1, clock: 'wall'}), 0), /; cost: 42\.3 GPU-seconds over 1 server launch$/);
	t.regex(finalLine(finished(), 0), /winners: vllm\/chat: vllm-00-baseline$/, 'a run that recorded no cost says nothing of it');
});
