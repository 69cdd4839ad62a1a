import process from 'node:process';
import type {EngineEvent} from '../events.js';
import type {Session} from '../engine/session-types.js';
import {startSession, type StartSessionOptions} from '../engine/start-session.js';

export type DriveOptions = StartSessionOptions & {
	readonly headless: boolean;
	/** `--serve-ws [HOST:]PORT`. */
	readonly serveWs?: string;
	/** Walk through the guided inputs (prefilled from this plan and recipe) before preflight. */
	readonly guide?: boolean;
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
 * `run`, `demo` and the guided TUI: start the session and drive it headless (JSONL events on stdout,
 * one summary line on stderr) or through the TUI. With `guide` (and a terminal to answer from) the
 * TUI first walks through the guided inputs prefilled from the plan and recipe, shows the version
 * manifest, and only then starts the session. SIGINT aborts the run (servers stopped, rows kept); a
 * second SIGINT leaves at once.
 */
export async function driveSession(options: DriveOptions): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const guided = Boolean(options.guide) && !options.headless && options.resume === undefined && Boolean(process.stdin.isTTY);
	let session: Session | null = null;
	let ws: {close(): Promise<void>} | null = null;
	let interrupts = 0;
	const onSigint = () => {
		interrupts += 1;
		if (interrupts > 1 || !session) process.exit(130);
		session.abort('interrupted (SIGINT)');
	};

	// Starts the run (and its ws server) for a plan; the guided inputs call it with their answers.
	const open = async (plan: {planFile: string; recipe?: string; outputDir?: string}) => {
		const started = startSession({...options, ...plan, confirm: options.headless ? false : (options.confirm ?? true)});
		session = started;
		let banner: string | undefined;
		if (options.serveWs !== undefined) {
			const {serveWs} = await import('../remote/serve-ws.js');
			const server = await serveWs(started, options.serveWs);
			ws = server;
			banner = `serving ${server.url} · control token ${server.token}`;
			// Inside the guided TUI the banner line carries it; a plain write would tear Ink's frame.
			if (!guided) stderr.write(`llm-bench-tui: ${banner}\n`);
		}

		return {session: started, ...(banner ? {banner} : {})};
	};

	process.on('SIGINT', onSigint);
	process.on('SIGTERM', onSigint);
	try {
		let exitCode: number;
		if (options.headless) {
			const {session: started} = await open(options);
			const unsubscribe = started.subscribe(event => stdout.write(`${JSON.stringify(event)}\n`));
			for (const event of started.history) stdout.write(`${JSON.stringify(event)}\n`);
			({exitCode} = await started.done);
			unsubscribe();
		} else if (guided) {
			const [{startTui}, {prepareGuide, writeGuidedPlan}] = await Promise.all([import('../ui/start-tui.js'), import('../ui/guide-inputs.js')]);
			const setup = await prepareGuide({planFile: options.planFile, recipe: options.recipe, outputDir: options.outputDir});
			({exitCode} = await startTui({guide: {setup, begin: async values => open(await writeGuidedPlan(setup, values))}}));
			if (!session) return exitCode;
		} else {
			const {startTui} = await import('../ui/start-tui.js');
			const started = await open(options);
			({exitCode} = await startTui({session: started.session, ...(started.banner ? {banner: started.banner} : {})}));
		}

		const finished = session as Session | null;
		stderr.write(`${finalLine(finished?.history ?? [], exitCode)}\n`);
		return exitCode;
	} finally {
		process.off('SIGINT', onSigint);
		process.off('SIGTERM', onSigint);
		await (ws as {close(): Promise<void>} | null)?.close();
	}
}
