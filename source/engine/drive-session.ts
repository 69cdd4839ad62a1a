import process from 'node:process';
import type {EngineEvent} from '../events.js';
import {startSession, type StartSessionOptions} from './start-session.js';

export type DriveOptions = StartSessionOptions & {
	readonly headless: boolean;
	/** `--serve-ws [HOST:]PORT`. */
	readonly serveWs?: string;
	readonly stdout?: NodeJS.WritableStream;
	readonly stderr?: NodeJS.WritableStream;
};

function finalLine(history: readonly EngineEvent[], exitCode: number): string {
	const finished = [...history].reverse().find(e => e.type === 'run-finished');
	const rows = history.filter(e => e.type === 'row-recorded').length;
	const failedCheck = [...history].reverse().find(e => e.type === 'preflight-check' && e.status === 'failed');
	if (exitCode !== 0 && failedCheck?.type === 'preflight-check') {
		return `llm-bench-tui: preflight failed: ${failedCheck.title}: ${failedCheck.detail ?? ''}${failedCheck.hint ? ` — ${failedCheck.hint}` : ''}`;
	}

	if (finished?.type !== 'run-finished') return `llm-bench-tui: run ended (exit ${exitCode})`;
	const winners = finished.winners.map(w => `${w.framework}/${w.scenario}: ${w.candidateId}`).join(', ') || 'none (no SLA-passing candidate)';
	return `llm-bench-tui: run finished: ${rows} row(s) in ${finished.runDir}; summary ${finished.summaryPath ?? '-'}; winners: ${winners}`;
}

/**
 * `run` and `demo`: start the session and drive it headless (JSONL events on stdout, one summary
 * line on stderr) or through the TUI. SIGINT aborts the run (servers stopped, rows kept); a second
 * SIGINT leaves at once.
 */
export async function driveSession(options: DriveOptions): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const session = startSession({...options, confirm: options.headless ? false : (options.confirm ?? true)});
	let interrupts = 0;
	const onSigint = () => {
		interrupts += 1;
		if (interrupts > 1) process.exit(130);
		session.abort('interrupted (SIGINT)');
	};

	process.on('SIGINT', onSigint);
	process.on('SIGTERM', onSigint);
	let banner: string | undefined;
	let ws: {close(): Promise<void>} | null = null;
	try {
		if (options.serveWs !== undefined) {
			const {serveWs} = await import('../remote/serve-ws.js');
			const server = await serveWs(session, options.serveWs);
			ws = server;
			banner = `serving ${server.url} · control token ${server.token}`;
			stderr.write(`llm-bench-tui: ${banner}\n`);
		}

		let exitCode: number;
		if (options.headless) {
			const unsubscribe = session.subscribe(event => stdout.write(`${JSON.stringify(event)}\n`));
			for (const event of session.history) stdout.write(`${JSON.stringify(event)}\n`);
			({exitCode} = await session.done);
			unsubscribe();
		} else {
			const {startTui} = await import('../ui/start-tui.js');
			({exitCode} = await startTui({session, ...(banner ? {banner} : {})}));
		}

		stderr.write(`${finalLine(session.history, exitCode)}\n`);
		return exitCode;
	} finally {
		process.off('SIGINT', onSigint);
		process.off('SIGTERM', onSigint);
		await ws?.close();
	}
}
