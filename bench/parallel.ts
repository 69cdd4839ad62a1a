import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * Candidates in parallel on the simulated box (issue 17): `run configs/demo/quick.yaml` through the
 * real bin with the simulated recipe at `parallel: 1` and `parallel: 2` (the plan's gpu_ids widened
 * to [0, 1], one GPU per candidate), alternating, 3 runs each. Figures: wall seconds per setting
 * (median, min–max, n), whether every parallel run wrote the same rows (key + status) as the
 * sequential ones, and the most candidates seen running at once.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'llm-bench-tui.js');
const runsEach = 3;

type Row = {
	framework: string;
	candidate_id: string;
	status: string;
	workload: {scenario: string; max_concurrency: number | null; load_mode: string; request_rate: unknown};
};
type Event = {type: string; t: number; candidateId?: string};

function cli(args: readonly string[]): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [bin, ...args], {stdio: ['ignore', 'ignore', 'inherit']});
		const timer = setTimeout(() => child.kill('SIGINT'), 300_000);
		child.on('error', reject);
		child.on('exit', code => {
			clearTimeout(timer);
			resolve(code ?? 1);
		});
	});
}

function jsonl<T>(file: string): T[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as T);
}

/** Most candidates between candidate-started and candidate-finished at one time. */
function mostAtOnce(events: readonly Event[]): number {
	let running = 0;
	let most = 0;
	for (const event of events) {
		if (event.type === 'candidate-started') most = Math.max(most, ++running);
		if (event.type === 'candidate-finished' && running > 0) running--;
	}

	return most;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<Record<string, number | string>> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-parallel-bench-'));
	try {
		const plan = path.join(dir, 'quick.yaml');
		fs.writeFileSync(
			plan,
			fs.readFileSync(path.join(root, 'configs/demo/quick.yaml'), 'utf8').replace('  gpu_count: 1\n', '  gpu_count: 1\n  gpu_ids: [0, 1]\n'),
		);
		const recipeText = fs
			.readFileSync(path.join(root, 'recipes/simulated.yaml'), 'utf8')
			.replace('path_prepend: [../source/sim/bin]', `path_prepend: [${path.join(root, 'source/sim/bin')}]`);
		const recipes = {1: path.join(dir, 'sim-1.yaml'), 2: path.join(dir, 'sim-2.yaml')};
		fs.writeFileSync(recipes[1], recipeText);
		fs.writeFileSync(recipes[2], `${recipeText}parallel: 2\n`);
		const wall: Record<1 | 2, number[]> = {1: [], 2: []};
		const rowSets: Record<1 | 2, string[]> = {1: [], 2: []};
		const most: Record<1 | 2, number> = {1: 0, 2: 0};
		for (let i = 0; i < runsEach; i++) {
			for (const parallel of [1, 2] as const) {
				const out = path.join(dir, `out-${parallel}-${i}`);
				const start = performance.now();
				const code = await cli(['run', plan, '--recipe', recipes[parallel], '--headless', '--yes', '--output-dir', out]);
				wall[parallel].push((performance.now() - start) / 1000);
				const runDir = fs.readdirSync(out).map(name => path.join(out, name))[0];
				if (code !== 0 || !runDir) throw new Error(`parallel ${parallel} run ${i} exited ${code}`);
				const rows = jsonl<Row>(path.join(runDir, 'results.jsonl'));
				rowSets[parallel].push(
					rows
						.map(
							r =>
								`${r.candidate_id}|${r.workload.scenario}|${r.workload.max_concurrency}|${r.workload.load_mode}|${String(r.workload.request_rate)} ${r.status}`,
						)
						.sort()
						.join('\n'),
				);
				most[parallel] = Math.max(most[parallel], mostAtOnce(jsonl<Event>(path.join(runDir, 'events.jsonl'))));
			}
		}

		const spread = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
		const sameRows = [...rowSets[1], ...rowSets[2]].every(set => set === rowSets[1][0]);
		return {
			runs_each: runsEach,
			parallel_1_wall_s_median: Number(median(wall[1]).toFixed(1)),
			parallel_1_wall_s_min_max: spread(wall[1]),
			parallel_2_wall_s_median: Number(median(wall[2]).toFixed(1)),
			parallel_2_wall_s_min_max: spread(wall[2]),
			speedup_median: Number((median(wall[1]) / median(wall[2])).toFixed(2)),
			same_row_set_every_run: sameRows ? 'yes' : 'NO',
			most_candidates_at_once_parallel_1: most[1],
			most_candidates_at_once_parallel_2: most[2],
		};
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
}
