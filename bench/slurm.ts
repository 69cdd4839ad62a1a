import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startSlurmCluster, slurmUnavailable, type SlurmCluster} from '../test/helpers/slurm-cluster.js';

/**
 * `npm run bench -- slurm`: `run configs/demo/quick.yaml` on recipes/slurm-simulated.yaml (a real
 * two-node test cluster, candidates as Slurm jobs) against recipes/simulated.yaml (this machine),
 * each `repeats` times. Figures: cluster start, wall seconds of each run (median and range), the
 * most candidates in flight at once, rows, the seconds from SIGINT mid-run to no job left, and how a
 * real node failure (its slurmd killed) becomes the candidate's row.
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

/**
 * A real node failure: a long candidate's node loses its slurmd (SIGKILL by pid file); Slurm marks
 * the node down and the job NODE_FAIL, and the candidate's row must say so. Seconds from the kill to
 * that row; then the run is interrupted (the node stays down for the rest of this bench).
 */
async function nodeFailureRow(cluster: SlurmCluster, outputDir: string): Promise<{seconds: number; reason: string}> {
	const plan = path.join(outputDir, 'long.yaml');
	const quick = fs.readFileSync(fileURLToPath(new URL('../configs/demo/quick.yaml', import.meta.url)), 'utf8');
	fs.writeFileSync(plan, quick.replace('num_prompts: 8', 'num_prompts: 1500').replace('max_candidates_per_framework: 2', 'max_candidates_per_framework: 1'));
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [bin, 'run', plan, '--recipe', 'slurm-simulated', '--headless', '--yes', '--output-dir', outputDir], {
			env: {...process.env, ...cluster.env},
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		let buffer = '';
		let where = '';
		let killedAt = 0;
		let result = {seconds: Number.NaN, reason: 'no failure row'};
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			buffer += chunk;
			const lines = buffer.split('\n');
			buffer = lines.pop() ?? '';
			for (const line of lines) {
				const event = JSON.parse(line) as {type: string; where?: string; reason?: string; status?: string};
				if (event.type === 'candidate-started') where = event.where ?? '';
				if (event.type === 'bench-started' && killedAt === 0) {
					const node = where.split(' ')[0]!;
					killedAt = Date.now();
					process.kill(Number(fs.readFileSync(path.join(cluster.dir, `slurmd-${node}.pid`), 'utf8')), 'SIGKILL');
				}

				if (event.type === 'candidate-finished' && killedAt > 0 && Number.isNaN(result.seconds)) {
					result = {seconds: Number(((Date.now() - killedAt) / 1000).toFixed(1)), reason: `${event.status}: ${event.reason ?? ''}`};
					child.kill('SIGINT');
				}
			}
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
		child.on('error', reject);
		child.on('exit', () => {
			clearTimeout(timer);
			resolve(result);
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

		const nodeFailure = await nodeFailureRow(cluster, outputDir);
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
			node_failure_to_row_s: nodeFailure.seconds,
			node_failure_row_reason: nodeFailure.reason,
		};
		return figures;
	} finally {
		await cluster.stop();
		fs.rmSync(outputDir, {recursive: true, force: true});
	}
}
