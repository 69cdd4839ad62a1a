import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {cancelJournaledJobsSync} from '../executors/slurm/slurm-jobs-journal.js';

/** The signals that end a run, and the exit code each gives (128 + its number, the shell's convention). */
export const stopSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof stopSignals)[number];
const numbers: Record<StopSignal, number> = {SIGHUP: 1, SIGINT: 2, SIGTERM: 15};

export function exitCodeFor(signal: StopSignal): number {
	return 128 + numbers[signal];
}

/**
 * SIGKILL every server group a run still has recorded (servers.json in its run directory). Used
 * when the operator insists (a second Ctrl-C or SIGTERM): the graceful stop is taking too long, but
 * leaving a server holding the GPUs after we exit would be worse. Synchronous: we exit right after.
 */
export function killRecordedServers(runDir: string | null): number[] {
	if (!runDir) return [];
	let records: Array<{pid: number | null}> = [];
	try {
		records = (JSON.parse(fs.readFileSync(path.join(runDir, 'servers.json'), 'utf8')) as {servers: Array<{pid: number | null}>}).servers;
	} catch {
		return [];
	}

	const killed: number[] = [];
	for (const {pid} of records) {
		if (typeof pid !== 'number' || pid <= 1) continue;
		try {
			process.kill(-pid, 'SIGKILL');
			killed.push(pid);
		} catch {
			// Already gone.
		}
	}

	return killed;
}

export type StopSignalWatch = {
	/** The first stop signal received, if any. */
	readonly received: () => StopSignal | null;
	dispose(): void;
};

/**
 * SIGINT, SIGTERM and SIGHUP (an ssh disconnect) all end a run the same way: the first one asks for
 * a graceful abort (servers stopped, unfinished candidates recorded, report written); a second one
 * of any kind SIGKILLs the recorded server groups, records the unfinished candidates (`onAgain`,
 * synchronous: rows with cause run-aborted) and exits with the first signal's code.
 */
export function watchStopSignals(options: {
	onFirst(signal: StopSignal): void;
	/** Records what never finished; returns how many candidates it recorded. */
	onAgain?(first: StopSignal, again: StopSignal): number;
	runDir(): string | null;
	log(line: string): void;
}): StopSignalWatch {
	let first: StopSignal | null = null;
	const handlers = stopSignals.map(signal => {
		const handler = () => {
			if (first === null) {
				first = signal;
				options.onFirst(signal);
				return;
			}

			const killed = killRecordedServers(options.runDir());
			const recorded = options.onAgain?.(first, signal) ?? 0;
			// A Slurm run's jobs would hold their GPUs until their time limit: cancel them too, synchronously.
			const cancelled = cancelJournaledJobsSync(options.runDir());
			options.log(
				`llm-bench-tui: ${signal} again: ${killed.length > 0 ? `killed server process group(s) ${killed.join(', ')}` : 'no server was still recorded'}${cancelled.length > 0 ? `; cancelled Slurm job(s) ${cancelled.join(', ')}` : ''}; ${recorded} unfinished candidate(s) recorded as skipped (run aborted); exiting now (--resume continues the run)`,
			);
			process.exit(exitCodeFor(first));
		};

		process.on(signal, handler);
		return [signal, handler] as const;
	});
	return {
		received: () => first,
		dispose() {
			for (const [signal, handler] of handlers) process.off(signal, handler);
		},
	};
}
