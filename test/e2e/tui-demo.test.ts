import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {cliPath, repoRoot} from '../helpers/run-cli.js';

/**
 * The one end-to-end run in a real terminal: the shipped quick demo plan on the simulated box inside
 * tmux at 100×30 with CI=false (Ink draws nothing until exit when CI=true). Goes through the guided
 * inputs with their defaults and the version manifest, confirms preflight, resizes the window while
 * a candidate runs (the layout must hold), presses s, and expects that candidate recorded as skipped
 * and the report's tables on screen. Every wait polls capture-pane against a generous, bounded
 * deadline (a loaded 2-core CI machine); the tmux session and the run directory are always removed.
 */

const session = `llm-bench-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
/** The visible pane only (what the operator sees now). */
const pane = () => tmux('capture-pane', '-p', '-t', session);
/** With the scrollback (finished candidates and tall results scroll above). */
const screen = () => tmux('capture-pane', '-p', '-t', session, '-S', '-2000');
const sleep = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor(read: () => string, match: RegExp, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		last = read();
		if (match.test(last)) return last;
		await sleep(250);
	}

	throw new Error(`timed out after ${timeoutMs} ms waiting for ${match}; the screen was:\n${last}`);
}

/** The live screen at `columns`: one header, full-width separators, the footer; nothing left over. */
function layoutProblems(text: string, columns: number): string[] {
	const lines = text.split('\n');
	const problems: string[] = [];
	const headers = lines.filter(line => line.startsWith('llm-bench-tui ')).length;
	if (headers !== 1) problems.push(`${headers} header lines`);
	const separators = lines.filter(line => /^─+$/.test(line));
	if (separators.length === 0 || separators.some(line => line.length !== columns - 2)) problems.push(`separator widths ${separators.map(line => line.length).join(',')} (want ${columns - 2})`);
	if (!/s skip candidate/.test(text)) problems.push('no footer');
	if (lines.some(line => line.length > columns)) problems.push('a line wider than the terminal');
	return problems;
}

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

test.serial('guided inputs → preflight → live run with a resize and a skip → results, in a real terminal', async t => {
	t.timeout(300_000);
	if (!hasTmux) {
		t.fail('tmux is not installed (apt-get install -y tmux)');
		return;
	}

	const outputDir = mkdtempSync(path.join(os.tmpdir(), 'llm-bench-e2e-'));
	const plan = path.join(repoRoot, 'configs/demo/quick.yaml');
	// From a directory outside the package, as an operator's `npx llm-bench-tui` runs.
	const command = `cd ${outputDir} && CI=false LLM_BENCH_TUI_FROM_SOURCE=1 TERM=xterm-256color ${process.execPath} ${cliPath} run ${plan} --recipe simulated --output-dir ${outputDir}; echo E2E-EXIT-$?; sleep 600`;
	tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
	try {
		// The guided inputs, prefilled from the plan: Enter accepts each default, then the manifest.
		await waitFor(pane, /Guided inputs · step 1 of 14/, 90_000);
		for (let step = 1; step <= 14; step++) {
			await waitFor(pane, new RegExp(`step ${step} of 14`), 30_000);
			tmux('send-keys', '-t', session, 'Enter');
		}

		const manifest = await waitFor(pane, /Version manifest[\s\S]*enter writes the plan/, 30_000);
		t.regex(manifest, /recipe\s+simulated/);
		t.regex(manifest, /max_p99_ttft_ms=500/, 'the SLA comes from the plan');
		tmux('send-keys', '-t', session, 'Enter');
		await waitFor(pane, /press enter to (start|run anyway)/i, 120_000);
		tmux('send-keys', '-t', session, 'Enter');

		// The live pane judges by the SLA's own statistic: p99 TTFT against the plan's ≤ 500 ms, p50 beside it.
		await waitFor(pane, /s skip candidate/, 90_000);
		const live = await waitFor(pane, /TTFT p99 \S+ ms( [✔✘])? SLA ≤ 500 · p50/, 90_000);
		t.regex(live, /Rounds +offered → achieved +p99 TTFT ≤500/, 'the per-round table is on screen');
		// The layout holds at 100×30, after growing to 120×40, and back at 100×30.
		for (const [columns, rows] of [[100, 30], [120, 40], [100, 30]] as const) {
			tmux('resize-window', '-t', session, '-x', String(columns), '-y', String(rows));
			// Redraws settle within a few frames; a still-running candidate keeps the live screen up.
			let problems: string[] = ['not checked'];
			for (let attempt = 0; attempt < 12 && problems.length > 0; attempt++) {
				await sleep(500);
				const text = pane();
				if (!/s skip candidate/.test(text)) break;
				problems = layoutProblems(text, columns);
			}

			if (problems.length > 0 && problems[0] !== 'not checked') t.fail(`layout at ${columns}×${rows}: ${problems.join('; ')}\n${pane()}`);
		}

		// A candidate is running: skip it (pressed again if that candidate finished first).
		let skipped: string | null = null;
		for (let attempt = 0; attempt < 20 && !skipped; attempt++) {
			await waitFor(screen, /s skip candidate|q quit/, 90_000);
			if (!/s skip candidate/.test(pane())) break;
			tmux('send-keys', '-t', session, 's');
			await sleep(1500);
			skipped = /↷ (\S+) skipped/.exec(screen())?.[1] ?? null;
		}

		t.truthy(skipped, 'a candidate scrolled above as skipped');
		const done = await waitFor(screen, /Run (finished|aborted)[\s\S]*(Winner commands|No candidate passed)[\s\S]*Artifacts[\s\S]*q quit/, 180_000);
		t.regex(done, /SIMULATED/, "the report's header marks simulated figures");
		t.regex(done, /results\s+\S+results\.jsonl/, 'artifact paths are listed');
		const rows = readFileSync(path.join(newestRunDir(outputDir), 'results.jsonl'), 'utf8').trim().split('\n').map(line => JSON.parse(line) as {candidate_id: string; status: string});
		t.true(rows.some(row => row.candidate_id === skipped && row.status === 'skipped'), `results.jsonl records ${skipped} as skipped`);
		tmux('send-keys', '-t', session, 'q');
		await waitFor(screen, /E2E-EXIT-0/, 30_000);
	} finally {
		spawnSync('tmux', ['kill-session', '-t', session]);
		rmSync(outputDir, {recursive: true, force: true});
	}
});

function newestRunDir(dir: string): string {
	const runs = readdirSync(dir).map(name => path.join(dir, name)).filter(file => statSync(file).isDirectory());
	const newest = runs.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
	if (!newest) throw new Error(`no run directory under ${dir}`);
	return newest;
}
