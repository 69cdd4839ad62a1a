import {execFile} from 'node:child_process';
import os from 'node:os';
import * as v from 'valibot';
import {UsageError} from '../errors.js';

/**
 * How the paced sender's thread asks the OS to schedule it. On a 2-core machine that also runs the
 * server, a sleeping thread at normal priority wakes 1–4 ms late at p99 (the CPU is busy with the
 * response parsing and the server); the same thread at SCHED_FIFO wakes within 0.2 ms, and at
 * nice −10 within about 1.3 ms (`npm run bench -- load-client`). The thread only sleeps and writes
 * one prepared request per wake-up, so real-time priority costs the machine nothing measurable and
 * cannot starve it (it never runs for long, and Linux caps real-time threads at 95 % of a CPU).
 *
 * LLM_BENCH_SEND_PRIORITY: `realtime` (default: SCHED_FIFO 10, else nice −10, else unchanged),
 * `nice` (only nice −10), `normal` (leave it as it is).
 */
export const sendPriorityModes = ['realtime', 'nice', 'normal'] as const;
export type SendPriorityMode = (typeof sendPriorityModes)[number];

const modeSchema = v.optional(v.picklist(sendPriorityModes), 'realtime');

/** The mode LLM_BENCH_SEND_PRIORITY asks for; a value it does not know is an error, not a guess. */
export function sendPriorityMode(env: NodeJS.ProcessEnv = process.env): SendPriorityMode {
	const value = env.LLM_BENCH_SEND_PRIORITY === '' ? undefined : env.LLM_BENCH_SEND_PRIORITY;
	const parsed = v.safeParse(modeSchema, value);
	if (parsed.success) return parsed.output;
	throw new UsageError(
		`environment variable LLM_BENCH_SEND_PRIORITY=${value}: expected ${sendPriorityModes.join(', ')} (or unset for realtime); fix or unset it`,
	);
}

/**
 * What the thread got, for the summary: `raised` is false when it runs at normal priority;
 * `refused` is true when that is because the OS said no (not the operator's choice, not a system
 * without thread ids), the one case worth a caveat.
 */
export type SendPriority = {readonly raised: boolean; readonly refused: boolean; readonly text: string};

const realtimePriority = 10;
const niceValue = -10;

/** chrt's complaint in a few words, or null when it set the policy. */
function chrt(threadId: number): Promise<string | null> {
	return new Promise(resolve => {
		execFile('chrt', ['--fifo', '--pid', String(realtimePriority), String(threadId)], {timeout: 2000}, (error, _stdout, stderr) => {
			if (!error) return resolve(null);
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOENT') return resolve('chrt is not installed');
			const said = stderr
				.trim()
				.split('\n')
				.at(-1)
				?.replace(/^chrt: /, '')
				// The thread id differs per round; the text is a run's caveat, said once.
				.replace(/\bpid \d+'s\b/, "the thread's");
			resolve(said || `chrt failed (exit ${String(code ?? error.signal ?? 'unknown')})`);
		});
	});
}

/**
 * Raises thread `threadId` as `mode` allows, falling back step by step; never throws. Each refusal
 * is kept in the text so an operator can see why sends were not real-time (a container without
 * CAP_SYS_NICE refuses both).
 */
export async function raiseThreadPriority(threadId: number | null, mode: SendPriorityMode): Promise<SendPriority> {
	if (mode === 'normal') return {raised: false, refused: false, text: 'normal priority (LLM_BENCH_SEND_PRIORITY=normal)'};
	if (threadId === null) return {raised: false, refused: false, text: 'normal priority (this system gives no thread id to raise)'};
	const refused: string[] = [];
	if (mode === 'realtime') {
		const complaint = await chrt(threadId);
		if (complaint === null) return {raised: true, refused: false, text: `SCHED_FIFO ${realtimePriority}`};
		refused.push(`SCHED_FIFO: ${complaint}`);
	}
	try {
		os.setPriority(threadId, niceValue);
		return {raised: true, refused: false, text: `nice ${niceValue}${refused.length > 0 ? ` (${refused.join('; ')})` : ''}`};
	} catch (error) {
		// Node wraps the errno (EACCES, EPERM) in a generic ERR_SYSTEM_ERROR; the errno is the news.
		const failure = error as NodeJS.ErrnoException & {info?: {code?: string}};
		refused.push(`nice ${niceValue}: ${failure.info?.code ?? failure.code ?? String(error)}`);
	}
	return {raised: false, refused: true, text: `normal priority (${refused.join('; ')})`};
}
