import os from 'node:os';
import {spawnSync} from 'node:child_process';
import type {LoadedRecipe} from '../../recipes/recipe-schema.js';
import {schedulerLinePrefix, type ServerProcess} from '../executor.js';
import type {Placement, PlacementRefused, PlacementRequest, Placer} from '../placement.js';
import {runCommand} from '../local-process.js';
import {AllocationError, allocate, cancel, jobsNamed, showJob, showNode} from './slurm-cli.js';
import {createAllocationExecutor, slurmCli, type SlurmExecutorContext} from './slurm-executor.js';
import type {SlurmJobsJournal} from './slurm-jobs-journal.js';
import {endedStates, jobEndReason} from './slurm-text.js';

/**
 * The Slurm placer (docs/recipes.md, the Placement contract of source/executors/placement.ts): one
 * allocation per candidate (`salloc --no-shell --gres=gpu:N`), the node and its GPUs read back from
 * `scontrol show job -d`, the node's address from `scontrol show node`, and an executor that runs
 * everything there with `srun --jobid`. Slurm does the placing; this only submits, reads and cancels.
 * Every job of a run carries the run's name, so one `scancel` by name reaches even a job whose id
 * salloc had not printed yet.
 */
export type SlurmPlacement = Placement & {readonly jobId: string; readonly node: string};

export type SlurmPlacerOptions = SlurmExecutorContext & {
	readonly runId: string;
	readonly journal?: SlurmJobsJournal;
};

class PlacementFailure extends Error {}

export function runJobName(runId: string): string {
	return `llm-bench-${runId}`.replaceAll(/[^A-Za-z0-9_.-]/g, '-');
}

async function sleep(ms: number): Promise<void> {
	await new Promise(resolve => setTimeout(resolve, ms));
}

export type SlurmPlacer = Omit<Placer, 'place'> & {
	readonly jobName: string;
	place(candidate: PlacementRequest, gpus: number, signal: AbortSignal): Promise<SlurmPlacement | PlacementRefused>;
	dispose(): void;
};

export function createSlurmPlacer(loaded: LoadedRecipe, options: SlurmPlacerOptions): SlurmPlacer {
	if (loaded.recipe.kind !== 'slurm') throw new Error('createSlurmPlacer needs a slurm recipe');
	const recipe = loaded.recipe;
	const cli = slurmCli(options);
	const jobName = runJobName(options.runId);
	const outstanding = new Set<string>();
	// Last resort for every way out but SIGKILL (an uncaught error, process.exit): nothing async runs then.
	const onExit = () => {
		if (outstanding.size > 0) spawnSync('scancel', [...outstanding], {env: options.env as NodeJS.ProcessEnv, stdio: 'ignore', timeout: 10_000});
	};

	process.on('exit', onExit);

	const forget = (id: string) => {
		outstanding.delete(id);
		options.journal?.remove(id);
	};

	/** After the server's srun ended: Slurm's reason when the job itself was ended or requeued. */
	async function endReason(id: string): Promise<string | null> {
		for (let attempt = 0; attempt < 10; attempt++) {
			try {
				const job = await showJob(cli, id);
				const reason = jobEndReason(job);
				if (reason || endedStates.has(job.state)) return reason;
			} catch {
				return null;
			}

			await sleep(300);
		}

		return null;
	}

	/** The server process, plus one scheduler line in its log when Slurm ended the job under it. */
	function watched(server: ServerProcess, id: string): ServerProcess {
		const listeners: Array<(line: string) => void> = [];
		const extra: string[] = [];
		let stopping = false;
		const exited = server.exited.then(async info => {
			if (stopping) return info;
			const reason = await endReason(id);
			if (reason) {
				const line = `${schedulerLinePrefix}${reason}`;
				extra.push(line);
				for (const listener of listeners) listener(line);
			}

			return info;
		});
		return {
			pid: server.pid,
			onLine(listener) {
				server.onLine(listener);
				for (const line of extra) listener(line);
				listeners.push(listener);
			},
			exited,
			async stop(graceMs) {
				stopping = true;
				await server.stop(graceMs);
			},
		};
	}

	return {
		parallel: recipe.parallel ?? 1,
		notes: [],
		jobName,

		async place(candidate, gpus, signal) {
			let id: string | null = null;
			try {
				id = await allocate(
					cli,
					{
						jobName,
						comment: candidate.id,
						gpus,
						...(recipe.partition ? {partition: recipe.partition} : {}),
						...(recipe.account ? {account: recipe.account} : {}),
						...(recipe.time_limit ? {timeLimit: recipe.time_limit} : {}),
						exclusive: recipe.exclusive,
						...(recipe.salloc_args ? {extraArgs: recipe.salloc_args} : {}),
					},
					signal,
					found => {
						id = found;
						outstanding.add(found);
						options.journal?.add({id: found, candidateId: candidate.id, jobName});
					},
				);
				const job = await showJob(cli, id);
				const node = job.nodes[0];
				if (!node) throw new PlacementFailure(`Slurm job ${id} was granted but names no node (state ${job.state})`);
				const gpuIds = job.gpuIndices.get(node) ?? [];
				const address = (await showNode(cli, node)).address;
				const allocationId = id;
				const executor = createAllocationExecutor(loaded, options, {jobId: allocationId, node, address});
				let released: Promise<void> | null = null;
				return {
					executor: {...executor, launch: spec => watched(executor.launch(spec), allocationId)},
					host: address,
					gpuIds,
					where: `${node} (GPUs ${gpuIds.length > 0 ? gpuIds.join(',') : 'none listed'}; Slurm job ${allocationId})`,
					jobId: allocationId,
					node,
					release() {
						released ??= (async () => {
							await cancel(cli, [allocationId]);
							forget(allocationId);
						})();
						return released;
					},
				};
			} catch (error) {
				if (id !== null) {
					await cancel(cli, [id]);
					forget(id);
				}

				if (signal.aborted) return {refused: true, status: 'skipped', reason: `Slurm allocation withdrawn${id ? ` (job ${id} cancelled)` : ''}`};
				const reason =
					error instanceof AllocationError || error instanceof PlacementFailure ? error.message : `Slurm placement failed: ${(error as Error).message}`;
				return {refused: true, status: 'failed', reason};
			}
		},

		/** Cancel every job of this run: the ones it knows, and any other carrying the run's name. */
		async releaseAll(): Promise<void> {
			const ids = [...outstanding];
			await cancel(cli, ids);
			for (const id of ids) forget(id);
			await runCommand(['scancel', `--name=${jobName}`, `--user=${os.userInfo().username}`], {env: options.env, timeoutMs: 30_000});
		},

		dispose() {
			process.off('exit', onExit);
		},
	};
}

/**
 * `--resume`, before preflight: cancel what an interrupted run left (the journaled ids, then every
 * job still named for the run). What was done, for the operator; null when nothing was left.
 */
export async function cancelSlurmLeftovers(options: SlurmPlacerOptions & {readonly journal: SlurmJobsJournal}): Promise<string | null> {
	const cli = slurmCli(options);
	const jobName = runJobName(options.runId);
	let named: string[] = [];
	try {
		named = (await jobsNamed(cli, jobName)).filter(job => job.name === jobName).map(job => job.id);
	} catch {
		named = [];
	}

	const ids = [...new Set([...options.journal.list().map(job => job.id), ...named])];
	if (ids.length === 0) return null;
	const problem = await cancel(cli, ids);
	for (const id of ids) options.journal.remove(id);
	return problem ? `scancel ${ids.join(' ')}: ${problem}` : `cancelled Slurm job(s) ${ids.join(', ')} the interrupted run left`;
}
