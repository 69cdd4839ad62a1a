import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * The run engine end to end: `llm-bench-tui demo --headless` on the simulated box into a temp
 * directory, through the real bin. Figures: wall seconds (goal ≤ 180 s on a 2-core machine, issue 13), rows
 * by status, winners, and candidates measured per framework. Takes up to ~100 s (accepted for
 * this one bench).
 */

const bin = fileURLToPath(new URL('../bin/llm-bench-tui.js', import.meta.url));

type Row = {framework: string; candidate_id: string; status: string; workload: {load_mode?: string | null}};

function demo(outputDir: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [bin, 'demo', '--headless', '--yes', '--output-dir', outputDir], {stdio: ['ignore', 'ignore', 'inherit']});
		const timer = setTimeout(() => child.kill('SIGINT'), 240_000);
		child.on('error', reject);
		child.on('exit', code => {
			clearTimeout(timer);
			resolve(code ?? 1);
		});
	});
}

export async function run(): Promise<Record<string, number | string>> {
	const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-engine-bench-'));
	try {
		const start = performance.now();
		const exitCode = await demo(outputDir);
		const wallS = Number(((performance.now() - start) / 1000).toFixed(1));
		const runDir = fs
			.readdirSync(outputDir)
			.map(name => path.join(outputDir, name))
			.find(dir => fs.existsSync(path.join(dir, 'results.jsonl')));
		if (!runDir) throw new Error(`demo --headless wrote no run directory under ${outputDir} (exit ${exitCode})`);
		const rows = fs
			.readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map(line => JSON.parse(line) as Row);
		const summary = JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as {winners?: unknown[]};
		const figures: Record<string, number | string> = {demo_exit_code: exitCode, demo_wall_s: wallS, rows: rows.length, winners: summary.winners?.length ?? 0};
		for (const row of rows) figures[`rows_${row.status}`] = Number(figures[`rows_${row.status}`] ?? 0) + 1;
		for (const framework of new Set(rows.map(row => row.framework))) {
			const measured = rows.filter(row => row.framework === framework && row.status === 'ok' && row.workload.load_mode !== 'smoke');
			figures[`candidates_measured_${framework}`] = new Set(measured.map(row => row.candidate_id)).size;
		}

		for (const [key, value] of Object.entries(figures)) console.log(`engine ${key}: ${value}`);
		return figures;
	} finally {
		fs.rmSync(outputDir, {recursive: true, force: true});
	}
}
