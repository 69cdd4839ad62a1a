import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';

/**
 * `slurm-jobs.json` in the run directory: every Slurm job the run holds, written the moment salloc
 * prints its id (pending too) and removed when it is cancelled. A run killed with SIGKILL leaves it
 * behind; `--resume` cancels what it lists before anything else (and every job named for the run).
 */
export const slurmJobsFile = 'slurm-jobs.json';

const JournalSchema = v.object({
	jobs: v.array(v.object({id: v.pipe(v.string(), v.regex(/^\d+$/)), candidateId: v.string(), jobName: v.string()})),
});
export type JournaledJob = v.InferOutput<typeof JournalSchema>['jobs'][number];

export function readSlurmJobs(runDir: string): JournaledJob[] {
	try {
		const parsed = v.safeParse(JournalSchema, JSON.parse(fs.readFileSync(path.join(runDir, slurmJobsFile), 'utf8')));
		return parsed.success ? parsed.output.jobs : [];
	} catch {
		return [];
	}
}

export type SlurmJobsJournal = {
	add(job: JournaledJob): void;
	remove(id: string): void;
	list(): readonly JournaledJob[];
};

export function createSlurmJobsJournal(runDir: string): SlurmJobsJournal {
	const file = path.join(runDir, slurmJobsFile);
	let jobs = readSlurmJobs(runDir);
	const save = () => {
		const temporary = `${file}.tmp`;
		fs.writeFileSync(temporary, `${JSON.stringify({jobs}, null, 2)}\n`);
		fs.renameSync(temporary, file);
	};

	return {
		add(job) {
			jobs = [...jobs.filter(known => known.id !== job.id), job];
			save();
		},
		remove(id) {
			if (!jobs.some(job => job.id === id)) return;
			jobs = jobs.filter(job => job.id !== id);
			save();
		},
		list: () => jobs,
	};
}

/**
 * Synchronous `scancel` of every journaled job: for the moment the process exits right after (a
 * second Ctrl-C, an `exit` handler) and nothing asynchronous would run. Returns the ids it asked for.
 */
export function cancelJournaledJobsSync(runDir: string | null, env: NodeJS.ProcessEnv = process.env): string[] {
	if (!runDir) return [];
	const ids = readSlurmJobs(runDir).map(job => job.id);
	if (ids.length > 0) spawnSync('scancel', ids, {env, stdio: 'ignore', timeout: 10_000});
	return ids;
}
