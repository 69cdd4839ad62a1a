import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {cliPath, repoRoot} from '../helpers/run-cli.js';

/**
 * The one end-to-end run in a real terminal: `llm-bench-tui demo` inside tmux at 100×30 with
 * CI=false (Ink draws nothing until exit when CI=true). Goes through the inputs with their defaults,
 * presses s while a candidate runs, and expects that candidate recorded as skipped and the final
 * tables on screen. Every wait polls capture-pane against a generous, bounded deadline.
 */

const session = `llm-bench-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', session, '-S', '-200');

async function waitForScreen(match: RegExp, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		last = screen();
		if (match.test(last)) return last;
		await new Promise(resolve => setTimeout(resolve, 250));
	}

	throw new Error(`timed out after ${timeoutMs} ms waiting for ${match}; the screen was:\n${last}`);
}

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

test.serial('demo in a real terminal: defaults, skip a candidate, final tables', async t => {
	t.timeout(240_000);
	if (!hasTmux) {
		t.fail('tmux is not installed (apt-get install -y tmux)');
		return;
	}

	const outputDir = mkdtempSync(path.join(os.tmpdir(), 'llm-bench-e2e-'));
	const command = `cd ${repoRoot} && CI=false TERM=xterm-256color ${process.execPath} ${cliPath} demo --output-dir ${outputDir}; echo E2E-EXIT-$?; sleep 600`;
	tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
	try {
		// Inputs with their defaults: Enter until preflight says the run can start.
		await waitForScreen(/press enter to (start|run anyway)/i, 90_000);
		tmux('send-keys', '-t', session, 'Enter');
		// A candidate is running: skip it (pressed again if that candidate finished first).
		let skipped: string | null = null;
		for (let attempt = 0; attempt < 20 && !skipped; attempt++) {
			await waitForScreen(/s skip candidate/, 90_000);
			tmux('send-keys', '-t', session, 's');
			await new Promise(resolve => setTimeout(resolve, 1500));
			skipped = /↷ (\S+) skipped/.exec(screen())?.[1] ?? null;
		}

		t.truthy(skipped, 'a candidate scrolled above as skipped');
		const done = await waitForScreen(/Run (finished|aborted)[\s\S]*q quit/, 180_000);
		t.regex(done, /candidate\s+scenario\s+status/, 'the final table is on screen');
		const rows = readFileSync(path.join(outputDir, readdirFirst(outputDir), 'results.jsonl'), 'utf8').trim().split('\n').map(line => JSON.parse(line) as {candidate_id: string; status: string});
		t.true(rows.some(row => row.candidate_id === skipped && row.status === 'skipped'), `results.jsonl records ${skipped} as skipped`);
		tmux('send-keys', '-t', session, 'q');
		await waitForScreen(/E2E-EXIT-0/, 30_000);
	} finally {
		spawnSync('tmux', ['kill-session', '-t', session]);
		rmSync(outputDir, {recursive: true, force: true});
	}
});

function readdirFirst(dir: string): string {
	const out = execFileSync('ls', ['-t', dir], {encoding: 'utf8'}).trim().split('\n')[0];
	if (!out) throw new Error(`no run directory under ${dir}`);
	return out;
}
