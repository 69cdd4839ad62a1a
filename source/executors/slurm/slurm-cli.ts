import {spawn} from 'node:child_process';
import {killGroup, runCommand} from '../local-process.js';
import {parseJob, parseNode, parseQueue, sallocJobId, type SlurmJob, type SlurmNode} from './slurm-text.js';

/**
 * The Slurm commands the placer uses (salloc, scontrol, squeue, scancel), run as local processes
 * with the engine's environment: the cluster is whatever SLURM_CONF (else /etc/slurm/slurm.conf)
 * names, never a path of ours. Outputs are parsed in slurm-text.ts.
 */
export type SlurmCli = {
	readonly env: Readonly<Record<string, string | undefined>>;
};

export type AllocationRequest = {
	readonly jobName: string;
	/** Shown by `squeue -o %k`: which candidate the job is for. */
	readonly comment: string;
	readonly gpus: number;
	readonly partition?: string;
	readonly account?: string;
	readonly timeLimit?: string;
	readonly exclusive?: boolean;
	readonly extraArgs?: readonly string[];
};

export function sallocArgv(request: AllocationRequest): string[] {
	return [
		'salloc',
		'--no-shell',
		`--job-name=${request.jobName}`,
		`--comment=${request.comment}`,
		'--nodes=1',
		'--ntasks=1',
		`--gres=gpu:${request.gpus}`,
		...(request.partition ? [`--partition=${request.partition}`] : []),
		...(request.account ? [`--account=${request.account}`] : []),
		...(request.timeLimit ? [`--time=${request.timeLimit}`] : []),
		...(request.exclusive ? ['--exclusive'] : []),
		...(request.extraArgs ?? []),
	];
}

export class AllocationError extends Error {}

/**
 * `salloc --no-shell …`: resolves with the job id once Slurm grants it (salloc then exits). The id
 * is handed to `onJobId` as soon as salloc prints it (pending too), so an abort or a signal can
 * cancel a job that is still waiting. Abort: salloc is interrupted and the job cancelled.
 */
export async function allocate(cli: SlurmCli, request: AllocationRequest, signal: AbortSignal, onJobId: (id: string) => void): Promise<string> {
	const argv = sallocArgv(request);
	return new Promise((resolve, reject) => {
		const child = spawn(argv[0]!, argv.slice(1), {env: cli.env as NodeJS.ProcessEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		let id: string | null = null;
		let granted = false;
		const onLine = (chunk: string) => {
			output += chunk;
			for (const line of chunk.split('\n')) {
				const found = sallocJobId(line);
				if (!found) continue;
				if (id === null) {
					id = found.id;
					onJobId(found.id);
				}

				granted ||= found.granted;
			}
		};

		child.stdout.setEncoding('utf8').on('data', onLine);
		child.stderr.setEncoding('utf8').on('data', onLine);
		const onAbort = () => {
			// salloc withdraws a pending request on SIGINT; scancel makes sure of it.
			killGroup(child.pid, 'SIGINT');
			if (id !== null) void cancel(cli, [id]);
		};

		signal.addEventListener('abort', onAbort, {once: true});
		child.on('error', error => {
			signal.removeEventListener('abort', onAbort);
			reject(new AllocationError(`salloc could not start (${error.message}): install the Slurm client (slurm-client) on this machine`));
		});
		child.on('close', code => {
			signal.removeEventListener('abort', onAbort);
			if (signal.aborted) {
				reject(new AllocationError(`allocation interrupted${id ? ` (job ${id} cancelled)` : ''}`));
				return;
			}

			if (code === 0 && granted && id !== null) {
				resolve(id);
				return;
			}

			const said = output
				.split('\n')
				.map(line => line.trim())
				.filter(Boolean)
				.slice(-3)
				.join(' / ');
			reject(new AllocationError(`salloc for ${request.gpus} GPU(s) failed (exit ${code ?? 'signal'}): ${said || 'no output'}`));
		});
	});
}

async function scontrol(cli: SlurmCli, args: readonly string[]): Promise<string> {
	const result = await runCommand(['scontrol', ...args], {env: cli.env, timeoutMs: 30_000});
	if (result.code !== 0) throw new Error(`scontrol ${args.join(' ')} failed: ${(result.stderr || result.error || '').trim() || `exit ${result.code}`}`);
	return result.stdout;
}

export async function showJob(cli: SlurmCli, id: string): Promise<SlurmJob> {
	return parseJob(await scontrol(cli, ['show', 'job', '-d', id]));
}

export async function showNode(cli: SlurmCli, name: string): Promise<SlurmNode> {
	return parseNode(await scontrol(cli, ['show', 'node', name]));
}

/** Plain `scancel` (a `--signal` would leave a pending job pending); never throws. */
export async function cancel(cli: SlurmCli, ids: readonly string[]): Promise<string | null> {
	if (ids.length === 0) return null;
	const result = await runCommand(['scancel', ...ids], {env: cli.env, timeoutMs: 30_000});
	return result.code === 0 ? null : (result.stderr || result.error || `exit ${result.code}`).trim();
}

/** Jobs of this user whose name starts with `prefix` and that Slurm has not finished. */
export async function jobsNamed(cli: SlurmCli, prefix: string): Promise<Array<{id: string; state: string; name: string}>> {
	const result = await runCommand(['squeue', '-h', '--me', '-o', '%i|%T|%j'], {env: cli.env, timeoutMs: 30_000});
	if (result.code !== 0) throw new Error(`squeue failed: ${(result.stderr || result.error || '').trim()}`);
	return parseQueue(result.stdout).filter(job => job.name.startsWith(prefix));
}
