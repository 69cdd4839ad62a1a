import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * Demo stability (issue 13): runs `llm-bench-tui demo --headless` several times on a quiet machine
 * and with one core kept busy (`node -e 'for(;;){}'`), and prints how often each cell's conclusion
 * changed, the demo's wall time, and how much the simulated box's own latencies moved with the
 * host's load. A cell is framework × scenario (its winner and the candidates it is tied with) and,
 * per scenario, the cross-framework pick (rank 1 and the frameworks tied with it).
 *
 * Per run it also prints how busy the machine was (1-minute load average at its start and end: other
 * work on the machine slows the demo and adds host stalls), and per framework × scenario cell
 * whether the winner was decided or tied, with its margin.
 *
 * `npm run bench -- demo-stability`; BENCH_DEMO_QUIET / BENCH_DEMO_BUSY set the runs per condition
 * (default 2 and 1: about 7 minutes). On a shared machine run it as
 * `BENCH_DEMO_LOCK=suite flock /work/suite.lock npm run bench -- demo-stability` so that no test
 * suite overlaps it. Never part of the test suite.
 */

const bin = fileURLToPath(new URL('../bin/llm-bench-tui.js', import.meta.url));

type Winner = {
	framework: string;
	scenario: string;
	candidate_id: string;
	rank: number;
	tied_with?: string[];
	cross_tied_with?: string[];
	margin?: {value: number | null; lower: number | null; upper: number | null; runner_up: string; by?: string | null; text?: string} | null;
};
type Row = {
	framework: string;
	candidate_id: string;
	workload: {scenario: string; load_mode?: string | null};
	qps_rounds?: Array<{request_rate: number; p50_ttft_ms: number | null; p50_tpot_ms: number | null}> | null;
};
type Outcome = {
	wallS: number;
	exitCode: number;
	cells: Map<string, string>;
	/** Per framework × scenario cell: decided (no ties) and the winner's margin in words. */
	verdicts: Map<string, {decided: boolean; margin: string}>;
	lowRateTtft: number[];
	lowRateTpot: number[];
	/** 1-minute load average at the start and the end of the run: how busy the machine was. */
	loadStart: number;
	loadEnd: number;
};

function demo(outputDir: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [bin, 'demo', '--headless', '--yes', '--output-dir', outputDir], {stdio: ['ignore', 'ignore', 'inherit']});
		const timer = setTimeout(() => child.kill('SIGINT'), 420_000);
		child.on('error', reject);
		child.on('exit', code => {
			clearTimeout(timer);
			resolve(code ?? 1);
		});
	});
}

const median = (values: readonly number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)]!;
};

const fmt = (value: number | null | undefined) => (typeof value === 'number' ? String(Number(value.toFixed(2))) : '…');

async function once(busy: boolean): Promise<Outcome> {
	const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-stability-'));
	let spinner: ChildProcess | null = null;
	if (busy) spinner = spawn(process.execPath, ['-e', 'for(;;){}'], {stdio: 'ignore'});
	try {
		const loadStart = os.loadavg()[0]!;
		const start = performance.now();
		const exitCode = await demo(outputDir);
		const wallS = (performance.now() - start) / 1000;
		const runDir = fs
			.readdirSync(outputDir)
			.map(name => path.join(outputDir, name))
			.find(dir => fs.existsSync(path.join(dir, 'summary.json')));
		if (!runDir) throw new Error(`demo wrote no summary under ${outputDir} (exit ${exitCode})`);
		const summary = JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as {winners: Winner[]};
		const cells = new Map<string, string>();
		const verdicts = new Map<string, {decided: boolean; margin: string}>();
		for (const w of summary.winners) {
			const margin = w.margin
				? w.margin.by === 'bracket'
					? (w.margin.text ?? 'bracket')
					: `${fmt(w.margin.value)} req/s [${fmt(w.margin.lower)}, ${fmt(w.margin.upper)}] over ${w.margin.runner_up}`
				: 'alone';
			verdicts.set(`${w.scenario} ${w.framework}`, {decided: !(w.tied_with?.length ?? 0), margin});
			cells.set(`${w.scenario} ${w.framework}`, [w.candidate_id, ...(w.tied_with?.length ? [`tied ${[...w.tied_with].sort().join('+')}`] : [])].join(' '));
			if (w.rank === 1)
				cells.set(
					`${w.scenario} cross-framework`,
					[
						w.framework,
						...(w.cross_tied_with?.length
							? [
									`tied ${w.cross_tied_with
										.map(id => id.split('-')[0])
										.sort()
										.join('+')}`,
								]
							: []),
					].join(' '),
				);
		}

		const rows = fs
			.readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map(line => JSON.parse(line) as Row);
		// The simulator's own noise: latency at the search's lowest rate (far from any knee), per row.
		const low = rows
			.filter(row => row.workload.load_mode === 'steady')
			.map(row => row.qps_rounds?.[0])
			.filter(round => round !== undefined);
		return {
			wallS,
			exitCode,
			cells,
			verdicts,
			loadStart,
			loadEnd: os.loadavg()[0]!,
			lowRateTtft: low.map(round => round.p50_ttft_ms).filter((v): v is number => typeof v === 'number'),
			lowRateTpot: low.map(round => round.p50_tpot_ms).filter((v): v is number => typeof v === 'number'),
		};
	} finally {
		if (spinner?.pid) process.kill(spinner.pid, 'SIGKILL');
		fs.rmSync(outputDir, {recursive: true, force: true});
	}
}

/** Runs whose conclusion differs from the most common one, per cell; a missing cell counts as a change. */
function changes(runs: readonly Outcome[]): {changed: number; cells: number; detail: string[]} {
	const keys = [...new Set(runs.flatMap(run => [...run.cells.keys()]))].sort();
	let changed = 0;
	const detail: string[] = [];
	for (const key of keys) {
		const seen = runs.map(run => run.cells.get(key) ?? '(no winner)');
		const counts = new Map<string, number>();
		for (const value of seen) counts.set(value, (counts.get(value) ?? 0) + 1);
		const modal = Math.max(...counts.values());
		if (modal < seen.length) changed++;
		detail.push(`${key}: ${seen.join(' | ')}`);
	}

	return {changed, cells: keys.length, detail};
}

export async function run(): Promise<Record<string, number | string>> {
	const quietRuns = Number(process.env.BENCH_DEMO_QUIET ?? 2);
	const busyRuns = Number(process.env.BENCH_DEMO_BUSY ?? 1);
	const quiet: Outcome[] = [];
	const busy: Outcome[] = [];
	const report = (label: string, run: Outcome) => {
		const decided = [...run.verdicts.values()].filter(cell => cell.decided).length;
		console.log(
			`  ${label}: ${run.wallS.toFixed(1)} s, exit ${run.exitCode}, load average ${run.loadStart.toFixed(1)} → ${run.loadEnd.toFixed(1)}; ${decided} of ${run.verdicts.size} framework × scenario cells decided`,
		);
		for (const [cell, verdict] of [...run.verdicts].sort()) console.log(`    ${cell}: ${verdict.decided ? 'decided' : 'tied'} — ${verdict.margin}`);
	};
	for (let i = 0; i < quietRuns; i++) {
		quiet.push(await once(false));
		report(`run ${i + 1} (no busy core)`, quiet.at(-1)!);
	}
	for (let i = 0; i < busyRuns; i++) {
		busy.push(await once(true));
		report(`run ${quietRuns + i + 1} (one core kept busy)`, busy.at(-1)!);
	}
	const all = [...quiet, ...busy];
	const q = changes(quiet);
	const b = changes(all);
	for (const line of b.detail) console.log(`  ${line}`);
	const figures: Record<string, number | string> = {
		load_average_1m_at_end: Number(os.loadavg()[0]!.toFixed(1)),
		quiet_runs: quiet.length,
		busy_runs: busy.length,
		cells: b.cells,
		cells_changed_quiet_runs: q.changed,
		cells_changed_all_runs_incl_busy: b.changed,
		framework_cells_decided_per_run: all.map(r => `${[...r.verdicts.values()].filter(cell => cell.decided).length}/${r.verdicts.size}`).join(','),
		load_average_per_run: all.map(r => `${r.loadStart.toFixed(1)}→${r.loadEnd.toFixed(1)}`).join(', '),
		cli:
			fs.existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url))) && process.env.LLM_BENCH_TUI_FROM_SOURCE !== '1'
				? 'compiled dist/'
				: 'TypeScript sources through tsx (no dist/: npm run build)',
		lock: process.env.BENCH_DEMO_LOCK ?? 'none (set BENCH_DEMO_LOCK to say which lock the runs held, e.g. flock /work/suite.lock)',
		demo_wall_s_quiet_max: quiet.length > 0 ? Number(Math.max(...quiet.map(r => r.wallS)).toFixed(1)) : 'n/a',
		demo_wall_s_per_run: all.map(r => r.wallS.toFixed(1)).join(', '),
		demo_wall_s_busy_max: busy.length > 0 ? Number(Math.max(...busy.map(r => r.wallS)).toFixed(1)) : 'n/a',
		demo_exit_codes: all.map(r => r.exitCode).join(','),
		sim_p50_ttft_ms_at_lowest_rate_quiet: Number(median(quiet.flatMap(r => r.lowRateTtft)).toFixed(1)),
		sim_p50_ttft_ms_at_lowest_rate_busy: busy.length > 0 ? Number(median(busy.flatMap(r => r.lowRateTtft)).toFixed(1)) : 'n/a',
		sim_p50_tpot_ms_at_lowest_rate_quiet: Number(median(quiet.flatMap(r => r.lowRateTpot)).toFixed(2)),
		sim_p50_tpot_ms_at_lowest_rate_busy: busy.length > 0 ? Number(median(busy.flatMap(r => r.lowRateTpot)).toFixed(2)) : 'n/a',
	};
	return figures;
}
