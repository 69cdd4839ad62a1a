import test from 'ava';
import {render} from 'ink-testing-library';
import {App} from '../../source/ui/app/app.js';
import {createFakeSession} from '../helpers/fake-session.js';
import {demoEvents, preflightDrafts, stamp} from '../helpers/demo-events.js';
import {tick, waitFor} from '../helpers/wait-for.js';

const t0 = 1_700_000_000_000;
const strip = (frame = '') => frame.replace(/\u001B\[[0-9;]*m/g, '');

test('preflight shows checks, hints, candidates and waits for enter', async t => {
	const session = createFakeSession();
	for (const event of stamp(preflightDrafts(), t0)) session.emit(event);
	const {lastFrame, stdin, unmount} = render(<App session={session} now={t0 + 1000} refreshMs={5} />);
	await tick();
	const frame = strip(lastFrame());
	t.true(frame.includes('✔ GPUs visible'));
	t.true(frame.includes('→ did you mean --max-num-partial-prefill?'));
	t.true(frame.includes('4 candidates · 1 scenario (chat) · estimate 2m00s'));
	t.true(frame.includes('enter start the run'));
	t.is(session.calls.proceed, 0);
	stdin.write('\r');
	t.true(await waitFor(() => session.calls.proceed === 1));
	t.true(await waitFor(() => strip(lastFrame()).includes('Starting…')));
	stdin.write('\r');
	await tick();
	t.is(session.calls.proceed, 1, 'a second enter does not proceed twice');
	unmount();
});

test('live screen: active candidate panes and s skips the running candidate', async t => {
	const events = demoEvents(t0);
	const cut = events.findIndex(e => e.type === 'qps-round-finished') + 3;
	const session = createFakeSession(events.slice(0, cut));
	await session.play();
	const {lastFrame, stdin, unmount} = render(<App session={session} now={events[cut - 1]!.t + 2000} refreshMs={5} />);
	await tick();
	const frame = strip(lastFrame());
	t.true(frame.includes('SGLang · candidate 1/4 · scenario chat · QPS round 2'), frame);
	t.true(frame.includes('launching → loading → ready'));
	t.true(frame.includes('GPU0'));
	t.true(frame.includes('10/40 answered'));
	t.regex(frame, /chat r1 +2\.00 → 1\.90 +400 ms +30 ms +0 +✔ pass/);
	t.true(frame.includes('s skip candidate'));
	stdin.write('s');
	t.true(await waitFor(() => session.calls.skip.length === 1));
	t.deepEqual(session.calls.skip, ['sglang-00-baseline']);
	session.emit({type: 'candidate-skipped', candidateId: 'sglang-00-baseline', framework: 'sglang', reason: 'skipped by the operator', t: t0 + 99_000});
	t.true(await waitFor(() => strip(lastFrame()).includes('↷ sglang-00-baseline skipped skipped by the operator')));
	unmount();
});

test('abort asks for confirmation; n keeps running, y aborts', async t => {
	const events = demoEvents(t0);
	const session = createFakeSession(events.slice(0, 12));
	await session.play();
	const {lastFrame, stdin, unmount} = render(<App session={session} now={t0 + 5000} refreshMs={5} />);
	await tick();
	stdin.write('a');
	t.true(await waitFor(() => strip(lastFrame()).includes('Abort the run?')));
	stdin.write('n');
	t.true(await waitFor(() => !strip(lastFrame()).includes('Abort the run?')));
	t.is(session.calls.abort.length, 0);
	stdin.write('a');
	await waitFor(() => strip(lastFrame()).includes('Abort the run?'));
	stdin.write('y');
	t.true(await waitFor(() => session.calls.abort.length === 1));
	t.deepEqual(session.calls.abort, ['aborted by the operator']);
	unmount();
});

test('ctrl-c aborts a live run', async t => {
	const session = createFakeSession(demoEvents(t0).slice(0, 12));
	await session.play();
	const {stdin, unmount} = render(<App session={session} now={t0 + 5000} refreshMs={5} />);
	await tick();
	stdin.write('\u0003');
	t.true(await waitFor(() => session.calls.abort.length === 1));
	t.deepEqual(session.calls.abort, ['interrupted (ctrl-c)']);
	unmount();
});

test('log view shows the full log with alarming lines; help lists every key', async t => {
	const events = demoEvents(t0);
	const session = createFakeSession(events.slice(0, 12));
	await session.play();
	session.emit({type: 'server-log', candidateId: 'sglang-00-baseline', lines: ['NCCL WARN timeout on ring 0'], t: t0 + 9000});
	const {lastFrame, stdin, unmount} = render(<App session={session} now={t0 + 10_000} refreshMs={5} />);
	await tick();
	stdin.write('l');
	t.true(await waitFor(() => strip(lastFrame()).includes('Server log sglang-00-baseline')));
	t.true(strip(lastFrame()).includes('NCCL WARN timeout on ring 0'));
	t.true(strip(lastFrame()).includes('esc back'));
	stdin.write('\u001B');
	t.true(await waitFor(() => !strip(lastFrame()).includes('Server log')));
	stdin.write('?');
	t.true(await waitFor(() => strip(lastFrame()).includes('Keys')));
	t.true(strip(lastFrame()).includes('skip candidate'));
	unmount();
});

test('results screen after the run: the report view (tables, winner commands), artifacts; charts only when tall', async t => {
	const session = createFakeSession(demoEvents(t0));
	await session.play();
	const {lastFrame, stdin, unmount} = render(<App session={session} now={t0} refreshMs={5} />);
	// The run directory of the scripted run does not exist: the view reads no manifest and derives from the rows.
	t.true(await waitFor(() => strip(lastFrame()).includes('Cross-framework best per scenario')));
	const top = strip(lastFrame());
	t.true(top.includes('Run finished'));
	t.true(top.includes('vllm-01-max-num-seqs-128'));
	// The rest of the report is below: End shows its last page.
	stdin.write('\u001B[F');
	t.true(await waitFor(() => strip(lastFrame()).includes('· end')));
	const frame = strip(lastFrame());
	t.true(frame.includes('launch:'));
	t.true(frame.includes('python -m sglang.launch_server'));
	t.true(frame.replace(/\s+\\?\s*/g, ' ').includes('--tp-size 1 --chunked-prefill-size 8192'), 'long commands wrap, never cut');
	t.true(frame.includes('runs/demo-run/summary.md'));
	t.true(frame.includes('q quit'));
	t.false(frame.includes('Pareto'), 'no charts on a 30-row terminal');
	unmount();
});
