import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startSlurmCluster, slurmUnavailable} from '../test/helpers/slurm-cluster.js';

/**
 * `npm run bench -- slurm`: `run configs/demo/quick.yaml` on recipes/slurm-simulated.yaml (a real
 * two-node test cluster, candidates as Slurm jobs) against recipes/simulated.yaml (this machine),
 * each `repeats` times. Figures: cluster start, wall seconds of each run (median and range), the
 * most candidates in flight at once, rows, and the seconds from SIGINT mid-run to no job left.
 */

const bin = fileURLToPath(new URL('../bin/llm-bench-tui.js', import.meta.url));
const repeats = 3;

type Outcome = {wallS: number; code: number | null; rows: number; maxInFlight: number; runDir: string};

function runOnce(recipe: string, outputDir: string, env: NodeJS.ProcessEnv, interruptAfterStart = false): Promise<Outcome & {sentAt: number}> {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const child = spawn(process.execPath, [bin, 'run', 'configs/demo/quick.yaml', '--recipe', recipe, '--headless', '--yes', '--output-dir', outputDir], {
			env: {...process.env, ...env},
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let buffer = '';
		let inFlight = 0;
		let maxInFlight = 0;
		let runDir = '';
		let sentAt = 0;
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			buffer += chunk;
			const lines = buffer.split('\n');
			buffer = lines.pop() ?? '';
			for (const line of lines) {
				const event = JSON.parse(line) as {type: string; runDir?: string};
				if (event.type === 'run-started') runDir = event.runDir ?? '';
				if (event.type === 'candidate-started') maxInFlight = Math.max(maxInFlight, ++inFlight);
				if (event.type === 'candidate-finished') inFlight--;
				if (interruptAfterStart && event.type === 'bench-started' && sentAt === 0) {
					sentAt = Date.now();
					child.kill('SIGINT');
				}
			}
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
		child.on('error', reject);
		child.on('exit', code => {
			clearTimeout(timer);
			const wallS = (performance.now() - start) / 1000;
			const file = path.join(runDir, 'results.jsonl');
			const rows = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
			resolve({wallS, code, rows, maxInFlight, runDir, sentAt});
		});
	});
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const range = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;

export async function run(): Promise<Record<string, number | string>> {
	const unavailable = slurmUnavailable();
	if (unavailable) return {skipped: unavailable};
	const cluster = await startSlurmCluster();
	const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-slurm-bench-'));
	try {
		const slurm: Outcome[] = [];
		const local: Outcome[] = [];
		for (let i = 0; i < repeats; i++) {
			slurm.push(await runOnce('slurm-simulated', outputDir, cluster.env));
			local.push(await runOnce('simulated', outputDir, {}));
		}

		const interrupted = await runOnce('slurm-simulated', outputDir, cluster.env, true);
		let noJobMs = Number.NaN;
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline) {
			if (cluster.activeJobs().length === 0) {
				noJobMs = Date.now() - interrupted.sentAt;
				break;
			}

			await new Promise(resolve => setTimeout(resolve, 50));
		}

		const figures: Record<string, number | string> = {
			cluster_start_ms: cluster.startMs,
			runs_each: repeats,
			slurm_wall_s_median: Number(median(slurm.map(o => o.wallS)).toFixed(1)),
			slurm_wall_s_range: range(slurm.map(o => o.wallS)),
			local_wall_s_median: Number(median(local.map(o => o.wallS)).toFixed(1)),
			local_wall_s_range: range(local.map(o => o.wallS)),
			slurm_over_local: Number((median(slurm.map(o => o.wallS)) / median(local.map(o => o.wallS))).toFixed(2)),
			slurm_max_candidates_in_flight: Math.max(...slurm.map(o => o.maxInFlight)),
			local_max_candidates_in_flight: Math.max(...local.map(o => o.maxInFlight)),
			slurm_rows: slurm.map(o => o.rows).join(','),
			local_rows: local.map(o => o.rows).join(','),
			exit_codes: [...slurm, ...local].map(o => o.code).join(','),
			sigint_exit_code: interrupted.code ?? 'signal',
			sigint_to_no_job_ms: noJobMs,
			jobs_left_after_runs: cluster.activeJobs().length,
		};
		return figures;
	} finally {
		await cluster.stop();
		fs.rmSync(outputDir, {recursive: true, force: true});
	}
}
