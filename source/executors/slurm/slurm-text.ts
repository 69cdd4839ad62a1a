import * as v from 'valibot';

/**
 * Parsers for what the Slurm CLI prints (checked on 22.05; `scontrol show` output is `Key=Value`
 * words, one record per blank-line block). Every field the placer relies on goes through valibot,
 * so a different Slurm that prints something else fails with the field's name, not later.
 */

/** `Key=Value` words of one `scontrol show …` record; values keep inner `=` (`TRES=cpu=1,node=1`). */
export function scontrolFields(text: string): Map<string, string> {
	const fields = new Map<string, string>();
	for (const word of text.split(/\s+/)) {
		const at = word.indexOf('=');
		if (at <= 0) continue;
		const key = word.slice(0, at);
		// The first occurrence wins: `-d` repeats `Nodes=` per node below the job's own fields.
		if (!fields.has(key)) fields.set(key, word.slice(at + 1));
	}

	return fields;
}

const jobId = v.pipe(v.string(), v.regex(/^\d+$/, 'a numeric job id'));

/** `salloc: Granted job allocation 12` / `salloc: Pending job allocation 12` (stderr). */
export function sallocJobId(line: string): {id: string; granted: boolean} | null {
	const match = /job allocation (\d+)/.exec(line);
	if (!match) return null;
	return {id: match[1]!, granted: /Granted job allocation/.test(line)};
}

/**
 * `IDX:0-1,3` → [0, 1, 3]; the node-local GPU indices Slurm gave the job (`scontrol show job -d`).
 * With cgroup device constraints the job sees them renumbered from 0 (CUDA_VISIBLE_DEVICES), so
 * these are for the report ("node2 GPUs 2,3"), never for pinning.
 */
export function parseIndexList(text: string): number[] {
	const ids: number[] = [];
	for (const part of text.split(',')) {
		const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
		if (!range) throw new Error(`not a GPU index list: ${text}`);
		const first = Number(range[1]);
		const last = range[2] === undefined ? first : Number(range[2]);
		for (let id = first; id <= last; id++) ids.push(id);
	}

	return ids;
}

const JobSchema = v.object({
	JobId: jobId,
	JobName: v.string(),
	JobState: v.pipe(v.string(), v.regex(/^[A-Z_]+$/, 'a job state such as RUNNING')),
	Reason: v.optional(v.string(), 'None'),
	Restarts: v.optional(v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)), '0'),
	NodeList: v.optional(v.string(), '(null)'),
	TimeLimit: v.optional(v.string(), 'UNLIMITED'),
});

export type SlurmJob = {
	readonly id: string;
	readonly name: string;
	/** RUNNING, PENDING, COMPLETING, CANCELLED, TIMEOUT, NODE_FAIL, PREEMPTED, FAILED, REQUEUED… */
	readonly state: string;
	readonly reason: string;
	readonly restarts: number;
	/** Nodes of the allocation (empty while pending). */
	readonly nodes: readonly string[];
	/** The job's GPU indices per node (`-d`'s `GRES=gpu:2(IDX:0-1)`). */
	readonly gpuIndices: ReadonlyMap<string, readonly number[]>;
	readonly timeLimit: string;
};

/** One job of `scontrol show job -d ID`. Throws with the field that did not parse. */
export function parseJob(text: string): SlurmJob {
	const fields = scontrolFields(text);
	const parsed = v.safeParse(JobSchema, Object.fromEntries(fields));
	if (!parsed.success) {
		const issue = parsed.issues[0];
		throw new Error(`unexpected scontrol show job output (${v.getDotPath(issue) ?? 'record'}: ${issue.message}): ${text.slice(0, 200)}`);
	}

	const job = parsed.output;
	const gpuIndices = new Map<string, number[]>();
	// `-d` adds one line per node: `Nodes=node1 CPU_IDs=0 Mem=0 GRES=gpu:2(IDX:0-1)`.
	for (const match of text.matchAll(/^\s*Nodes=(\S+)\s.*?GRES=(\S*)/gm)) {
		const idx = /gpu[^(]*\(IDX:([^)]+)\)/.exec(match[2]!);
		if (!idx) continue;
		for (const node of expandHostList(match[1]!)) gpuIndices.set(node, parseIndexList(idx[1]!));
	}

	return {
		id: job.JobId,
		name: job.JobName,
		state: job.JobState,
		reason: job.Reason,
		restarts: job.Restarts,
		nodes: job.NodeList === '(null)' || job.NodeList === '' ? [] : expandHostList(job.NodeList),
		gpuIndices,
		timeLimit: job.TimeLimit,
	};
}

const NodeSchema = v.object({
	NodeName: v.pipe(v.string(), v.minLength(1)),
	NodeAddr: v.pipe(v.string(), v.minLength(1)),
	State: v.optional(v.string(), 'UNKNOWN'),
});

export type SlurmNode = {readonly name: string; readonly address: string; readonly state: string};

/** `scontrol show node NAME`: the address clients reach its servers at. */
export function parseNode(text: string): SlurmNode {
	const parsed = v.safeParse(NodeSchema, Object.fromEntries(scontrolFields(text)));
	if (!parsed.success) {
		const issue = parsed.issues[0];
		throw new Error(`unexpected scontrol show node output (${v.getDotPath(issue) ?? 'record'}: ${issue.message}): ${text.slice(0, 200)}`);
	}

	return {name: parsed.output.NodeName, address: parsed.output.NodeAddr, state: parsed.output.State};
}

/** `node[1-3,7],gpu-a` → node1 node2 node3 node7 gpu-a (Slurm's host-list syntax, one bracket level). */
export function expandHostList(list: string): string[] {
	const names: string[] = [];
	for (const match of list.matchAll(/([^,[]+)(?:\[([^\]]+)\])?([^,]*)/g)) {
		const [, prefix, ranges, suffix] = match;
		if (!prefix && !ranges) continue;
		if (!ranges) {
			names.push(`${prefix}${suffix ?? ''}`);
			continue;
		}

		for (const part of ranges.split(',')) {
			const [first, last = first] = part.split('-') as [string, string?];
			const width = first.length;
			for (let n = Number(first); n <= Number(last); n++) names.push(`${prefix}${String(n).padStart(width, '0')}${suffix ?? ''}`);
		}
	}

	return names;
}

const QueueLineSchema = v.pipe(
	v.string(),
	v.regex(/^\d+\|[A-Z_]+\|.*$/, 'an `%i|%T|%j` squeue line'),
	v.transform(line => {
		const [id, state, ...name] = line.split('|');
		return {id: id!, state: state!, name: name.join('|')};
	}),
);

/** `squeue -h -o '%i|%T|%j'` lines. */
export function parseQueue(text: string): Array<{id: string; state: string; name: string}> {
	return text
		.split('\n')
		.map(line => line.trim())
		.filter(Boolean)
		.map(line => {
			const parsed = v.safeParse(QueueLineSchema, line);
			if (!parsed.success) throw new Error(`unexpected squeue output: ${line}`);
			return parsed.output;
		});
}

/** Job states after which the allocation is gone (the server with it). */
export const endedStates = new Set(['CANCELLED', 'COMPLETED', 'DEADLINE', 'FAILED', 'NODE_FAIL', 'OUT_OF_MEMORY', 'PREEMPTED', 'TIMEOUT', 'BOOT_FAIL']);

/** Why Slurm ended or moved a job, in words for a row (null while it runs as placed). */
export function jobEndReason(job: SlurmJob): string | null {
	const words: Record<string, string> = {
		TIMEOUT: 'reached its time limit',
		NODE_FAIL: 'lost its node (node failure)',
		PREEMPTED: 'was preempted',
		OUT_OF_MEMORY: 'ran out of memory',
		DEADLINE: 'passed its deadline',
		BOOT_FAIL: 'could not boot its node',
		FAILED: 'failed',
		CANCELLED: 'was cancelled',
		REQUEUED: 'was requeued',
		REQUEUE_HOLD: 'was requeued (held)',
	};
	if (job.state === 'RUNNING' || job.state === 'COMPLETING') return null;
	const requeued = job.state === 'PENDING' && job.restarts > 0;
	if (!requeued && !(job.state in words)) return null;
	const what = requeued ? 'was requeued' : words[job.state]!;
	const reason = job.reason && job.reason !== 'None' ? ` (Reason=${job.reason})` : '';
	return `Slurm job ${job.id} ${what}: state ${job.state}${reason}, time limit ${job.timeLimit}`;
}
