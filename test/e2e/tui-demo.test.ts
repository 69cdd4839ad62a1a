import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {cliPath, repoRoot} from '../helpers/run-cli.js';
import {commandWords, unwrapCommand} from '../../source/ui/results/wrap-command.js';

/**
 * The one end-to-end run in a real terminal: the quick demo plan (with a two-round QPS search and a
 * vLLM candidate that cannot load) on the simulated box inside tmux at 100×30 with CI=false. Goes
 * through the guided inputs with their defaults and the version manifest, confirms preflight, checks
 * the live pane judges the SLA's statistic against its bound, resizes the window while a candidate runs (the layout
 * must hold), presses s, and expects that candidate recorded as skipped; then pages through the
 * results (the cross-framework table, the caveats, every candidate id whole, every winner command
 * token for token) and opens the failed candidate's log with l. Every wait polls capture-pane against a generous, bounded
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
	if (separators.length === 0 || separators.some(line => line.length !== columns - 2))
		problems.push(`separator widths ${separators.map(line => line.length).join(',')} (want ${columns - 2})`);
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
	// The quick demo with a two-round QPS search (so the live pane has rounds to judge) and a vLLM
	// candidate that cannot load its weights (so there is a failed candidate's log to open).
	const plan = path.join(outputDir, 'plan.yaml');
	const quick = readFileSync(path.join(repoRoot, 'configs/demo/quick.yaml'), 'utf8');
	writeFileSync(
		plan,
		quick
			.replace('  request_rates: [8]', '  qps: {lower: 4, upper: 8, tolerance: 0.5, max_rounds: 2}')
			.replace('      max_num_seqs: [32]', '      gpu_memory_utilization: [0.1]'),
	);
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
		t.regex(manifest, /max_p50_ttft_ms=500/, 'the SLA comes from the plan');
		tmux('send-keys', '-t', session, 'Enter');
		await waitFor(pane, /press enter to (start|run anyway)/i, 120_000);
		tmux('send-keys', '-t', session, 'Enter');

		// The live pane judges by the SLA's own statistic: quick.yaml bounds p50s (8 requests cannot bound a p99), so p50 TTFT against ≤ 500 ms.
		await waitFor(pane, /s skip candidate/, 90_000);
		const live = await waitFor(pane, /TTFT p50 \S+ ms( [✔✘])? SLA ≤ 500 · p50/, 90_000);
		t.regex(live, /Rounds +offered → achieved +p50 TTFT ≤500/, 'the per-round table is on screen');
		// The layout holds at 100×30, after growing to 120×40, and back at 100×30.
		for (const [columns, rows] of [
			[100, 30],
			[120, 40],
			[100, 30],
		] as const) {
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
		// The results screen is a window on the report: page through it to the end.
		await waitFor(pane, /lines 1–\d+ of \d+[\s\S]*q quit/, 180_000);
		const pages: string[] = [];
		for (let page = 0; page < 40; page++) {
			const text = pane();
			pages.push(text);
			if (/· end\n|all \d+ lines shown/.test(text)) break;
			const at = /lines (\d+)–/.exec(text)?.[1];
			tmux('send-keys', '-t', session, 'PageDown');
			await waitFor(pane, new RegExp(`lines (?!${at}–)\\d+–`), 10_000);
		}

		// The pages put back together by their line numbers (a page overlaps the next by a line).
		const byNumber: string[] = [];
		for (const text of pages) {
			const screenLines = text.split('\n');
			const at = screenLines.findIndex(line => /^lines \d+–\d+ of|^all \d+ lines shown/.test(line));
			const first = Number(/^lines (\d+)–/.exec(screenLines[at] ?? '')?.[1] ?? 1);
			const shown = screenLines.slice(0, at).slice(-(Number(/–(\d+)/.exec(screenLines[at] ?? '')?.[1] ?? at) - first + 1));
			for (const [i, line] of shown.entries()) byNumber[first - 1 + i] = line;
		}

		const report = byNumber.join('\n');
		t.regex(report, /Run finished/);
		t.regex(report, /Cross-framework best per scenario/);
		t.regex(report, /Caveats\n⚠/, 'the caveats are on screen');
		t.regex(report, /SIMULATED/, "the report's header marks simulated figures");
		t.regex(report, /results\s+\S+results\.jsonl/, 'artifact paths are listed');
		const runDir = newestRunDir(outputDir);
		const rows = readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as {candidate_id: string; status: string; server_command: string | null; benchmark_command: string | null});
		t.true(
			rows.some(row => row.candidate_id === skipped && row.status === 'skipped'),
			`results.jsonl records ${skipped} as skipped`,
		);
		for (const id of new Set(rows.map(row => row.candidate_id)))
			t.regex(report, new RegExp(`(^|\\s)${id.replaceAll('.', '\\.')}(\\s|$)`, 'm'), `${id} shown whole`);
		// Every winner command: its lines, unwrapped as the shell reads them, are a recorded command exactly.
		const lines = report.split('\n');
		const commands = new Set(rows.flatMap(row => [row.server_command, row.benchmark_command]).filter((c): c is string => Boolean(c)));
		let checked = 0;
		lines.forEach((line, index) => {
			if (line !== 'launch:' && line !== 'benchmark:') return;
			const block: string[] = [];
			for (let i = index + 1; i < lines.length && lines[i] !== '' && lines[i] !== 'benchmark:' && !lines[i]!.startsWith('#'); i++) {
				block.push(lines[i]!);
				if (!lines[i]!.endsWith('\\')) break;
			}
			const command = unwrapCommand(block);
			t.true(commands.has(command), `a winner command on screen is a recorded one, token for token:\n${block.join('\n')}`);
			for (const word of commandWords(command).filter(w => w.length <= 94))
				t.true(
					block.some(l => l.includes(word)),
					`${word} is whole on one line`,
				);
			checked++;
		});
		t.true(checked >= 2, `${checked} winner commands checked`);

		// l: the candidate picker opens on the failed vLLM candidate; enter shows its server log.
		tmux('send-keys', '-t', session, 'l');
		const picker = await waitFor(pane, /Candidates · \d+/, 10_000);
		t.regex(picker, /❯ ✘ vllm-\S+ (failed|oom|timeout)/, 'the failed candidate is picked first');
		tmux('send-keys', '-t', session, 'Enter');
		const log = await waitFor(pane, /Server log \S+server\.log · last \d+ of \d+ lines/, 10_000);
		t.regex(log, /out of memory|OutOfMemory|EngineCore failed/i, "the failed candidate's own log is shown");
		tmux('send-keys', '-t', session, 'Escape');
		await waitFor(pane, /Candidates · \d+/, 10_000);
		tmux('send-keys', '-t', session, 'Escape');
		await waitFor(pane, /lines \d+–\d+ of/, 10_000);
		tmux('send-keys', '-t', session, 'q');
		await waitFor(screen, /E2E-EXIT-0/, 30_000);
	} finally {
		spawnSync('tmux', ['kill-session', '-t', session]);
		rmSync(outputDir, {recursive: true, force: true});
	}
});

function newestRunDir(dir: string): string {
	const runs = readdirSync(dir)
		.map(name => path.join(dir, name))
		.filter(file => statSync(file).isDirectory());
	const newest = runs.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
	if (!newest) throw new Error(`no run directory under ${dir}`);
	return newest;
}
