import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';

/** What a running simulated server publishes so `nvidia-smi` (another process) can show it. */
export const ServerStateSchema = v.object({
	pid: v.number(),
	framework: v.string(),
	model: v.string(),
	process: v.string(),
	gpus: v.array(v.number()),
	/** MiB held on each of its GPUs. */
	memory_mib: v.number(),
	/** 0–100, share of the last second the engine was stepping. */
	utilization: v.number(),
	running: v.number(),
	waiting: v.number(),
	port: v.nullable(v.number()),
});

export type ServerState = v.InferOutput<typeof ServerStateSchema>;

function fileFor(dir: string, pid: number): string {
	return path.join(dir, `server-${pid}.json`);
}

/** Atomic write: readers never see half a file. */
export function publishState(dir: string, state: ServerState): void {
	mkdirSync(dir, {recursive: true});
	const target = fileFor(dir, state.pid);
	const temporary = `${target}.${process.pid}.tmp`;
	writeFileSync(temporary, JSON.stringify(state));
	renameSync(temporary, target);
}

export function removeState(dir: string, pid: number): void {
	rmSync(fileFor(dir, pid), {force: true});
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Registered servers whose process still exists (a SIGKILLed server leaves a stale file behind). */
export function listStates(dir: string): ServerState[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}

	const states: ServerState[] = [];
	for (const name of names) {
		if (!/^server-\d+\.json$/.test(name)) {
			continue;
		}

		try {
			const parsed = v.safeParse(ServerStateSchema, JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
			if (parsed.success && alive(parsed.output.pid)) {
				states.push(parsed.output);
			}
		} catch {
			// A file removed between readdir and read is simply gone.
		}
	}

	return states.sort((a, b) => a.pid - b.pid);
}
