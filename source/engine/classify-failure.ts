import type {RuntimeAdapter} from '../frameworks/adapter.js';
import {schedulerLinePrefix as schedulerPrefix, type ExitInfo} from '../executors/executor.js';

export type Failure = {
	readonly status: 'failed' | 'oom' | 'timeout';
	readonly kind: string;
	readonly reason: string;
	readonly hint: string | null;
};

const clip = (line: string) => (line.length > 300 ? `${line.slice(0, 297)}...` : line).trim();

function exitText(exit: ExitInfo | null): string {
	if (!exit) return 'still running';
	return exit.signal ? `killed by ${exit.signal}` : `exit status ${exit.code}`;
}

/**
 * Why a server died, from its exit status and log tail (frameworks.md §5). The decisive line is
 * quoted so the operator can decide without opening the log: retry, lower a setting, fix a flag.
 * The earliest matching line of the highest-priority pattern wins (root causes print first; the
 * wrapper errors like "Engine core initialization failed" come after).
 */
export function classifyFailure(
	exit: ExitInfo | null,
	logTail: readonly string[],
	patterns: RuntimeAdapter['failurePatterns'],
	when: 'startup' | 'benchmark' = 'startup',
): Failure {
	// A server that was ready and then died did not crash "while starting".
	const crash =
		when === 'startup'
			? {kind: 'startup crash', hint: 'The server crashed while starting; read the quoted line and server.log.'}
			: {kind: 'crash during benchmark', hint: 'The server crashed while serving the benchmark; read the quoted line and server.log.'};
	// The scheduler's word (an executor's `llm-bench-tui: scheduler:` line: Slurm's time limit, a
	// node failure, a requeue) outranks whatever the server printed as it was killed.
	const scheduler = logTail.find(line => line.startsWith(schedulerPrefix));
	if (scheduler !== undefined) {
		return {
			status: 'failed',
			kind: 'scheduler',
			reason: `${clip(scheduler.slice(schedulerPrefix.length))} (server ${exitText(exit)})`,
			hint: 'The scheduler ended the allocation: raise the recipe’s time_limit, or check the node (scontrol show node).',
		};
	}

	for (const entry of patterns) {
		const line = logTail.find(candidate => entry.pattern.test(candidate));
		if (line !== undefined) {
			const {kind, hint} = entry.kind === 'startup crash' ? crash : entry;
			return {
				status: entry.status,
				kind,
				reason: `${kind} (${exitText(exit)}): "${clip(line)}"`,
				hint,
			};
		}
	}

	const last = [...logTail].reverse().find(line => line.trim() !== '');
	return {
		status: 'failed',
		kind: crash.kind,
		reason: `${crash.kind} (${exitText(exit)})${last ? `: last log line "${clip(last)}"` : ' with an empty log'}`,
		hint: 'Read server.log for the cause.',
	};
}

export function healthTimeout(seconds: number, logTail: readonly string[]): Failure {
	const last = [...logTail].reverse().find(line => line.trim() !== '');
	return {
		status: 'timeout',
		kind: 'health timeout',
		reason: `health timeout: not ready after ${Math.round(seconds)} s${last ? `; last log line "${clip(last)}"` : ''}`,
		hint: 'Model loading may need longer (ready_timeout_s in the recipe), or the server hung.',
	};
}
