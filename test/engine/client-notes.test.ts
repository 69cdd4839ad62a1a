import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import type {BenchOptions, BenchSummary} from '../../source/bench/bench-types.js';
import {runBenchmark} from '../../source/bench/run-benchmark.js';
import {readJsonl} from '../../source/engine/artifacts.js';
import {startSession} from '../../source/engine/start-session.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {runInputs, simRecipe, smallPlan, tempDir, writePlan} from './sim-fixture.js';

// What the load client says about itself (a sender the OS would not raise) is the same for every
// round: the operator hears it once, live, and finds it once among the report's caveats.
const note = 'sends were timed by a thread at normal priority (test): grant CAP_SYS_NICE';

/** The small plan on the simulated box, the real client's every summary passed through `amend`. */
async function runAmended(prefix: string, amend: (summary: BenchSummary) => BenchSummary) {
	const dir = tempDir(prefix);
	let calls = 0;
	const session = startSession({
		...(await runInputs(writePlan(dir, smallPlan()), simRecipe(), path.join(dir, 'runs'))),
		deps: {
			gpuPollMs: 60_000,
			stopGraceMs: 2000,
			runBenchmark: async (options: BenchOptions) => {
				calls++;
				return amend(await runBenchmark(options));
			},
		},
	});
	const {runDir, exitCode} = await session.done;
	return {session, runDir, exitCode, calls};
}

test.serial("the load client's caveat about itself: one warning, once among the report's caveats, however many rounds", async t => {
	const {session, runDir, exitCode, calls} = await runAmended('client-notes', summary => ({...summary, clientNotes: [note]}));
	t.is(exitCode, 0);
	t.true(calls > 2, `${calls} rounds`);
	const warnings = session.history.filter(event => event.type === 'warning' && event.message.includes(note));
	t.is(warnings.length, 1);
	const report = JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as {caveats: string[]};
	t.is(report.caveats.filter(text => text === note).length, 1);
	const summary = fs.readFileSync(path.join(runDir, 'summary.md'), 'utf8');
	t.is(summary.split(note).length - 1, 1, 'once among the report caveats');
});

test.serial("a caveat about how a round's figures were obtained stays on that round's row; an abort's counts do not", async t => {
	const usage = 'the server sent no usage for some requests: their output tokens are counted as content chunks (approximate when a chunk holds several tokens)';
	const {runDir, exitCode} = await runAmended('row-notes', summary => ({
		...summary,
		notes: [usage, 'aborted: 1 in-flight request(s) cancelled, 0 never sent; figures cover the 5 that finished'],
	}));
	t.is(exitCode, 0);
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl')).filter(row => row.status === 'ok');
	t.true(rows.length >= 2, `${rows.length} measured rows`);
	for (const row of rows) {
		t.true(row.normalization?.notes?.includes(usage), `${row.candidate_id} ${row.workload.load_mode}`);
		t.false(
			(row.normalization?.notes ?? []).some(note => note.startsWith('aborted')),
			'no abort counts on the row',
		);
	}
	const report = JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as {caveats: string[]};
	t.is(report.caveats.filter(text => text === usage).length, 1, 'once among the caveats');
});
