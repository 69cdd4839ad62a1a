import process from 'node:process';
import type {EngineEvent} from '../events.js';
import type {Session} from '../engine/session-types.js';
import type {EngineDeps} from '../engine/engine-deps.js';
import type {RunInputs} from '../engine/session-types.js';
import {startSession} from '../engine/start-session.js';
import {reduceAll} from '../engine/reduce.js';
import {frameworkTally} from '../engine/framework-tally.js';
import {loadRunInputs, type RunRequest} from './load-run-inputs.js';
import {exitCodeFor, watchStopSignals} from './stop-signals.js';
import {costLine} from '../report/run-cost.js';
import {sendPriorityMode} from '../bench/sender-priority.js';

export type DriveOptions = RunRequest & {
	readonly headless: boolean;
	/** Wait for the operator's go after preflight (TUI). */
	readonly confirm?: boolean;
	readonly deps?: Partial<EngineDeps>;
	/** `--serve-ws [HOST:]PORT`. */
	readonly serveWs?: string;
	/** Walk through the guided inputs (prefilled from this plan and recipe) before preflight. */
	readonly guide?: boolean;
	readonly stdout?: NodeJS.WritableStream;
	readonly stderr?: NodeJS.WritableStream;
};

export function finalLine(history: readonly EngineEvent[], exitCode: number): string {
	const finished = [...history].reverse().find(e => e.type === 'run-finished');
	const rows = history.filter(e => e.type === 'row-recorded').length;
	const failedCheck = [...history].reverse().find(e => e.type === 'preflight-check' && e.status === 'failed');
	if (exitCode !== 0 && failedCheck?.type === 'preflight-check') {
		return `llm-bench-tui: preflight failed: ${failedCheck.title}: ${failedCheck.detail ?? ''}${failedCheck.hint ? ` — ${failedCheck.hint}` : ''}`;
	}

	const aborted = history.find(e => e.type === 'run-aborted');
	// An aborted run says so first, with what ran per framework (not "no SLA-passing candidate" when nothing ran).
	if (aborted?.type === 'run-aborted') {
		const tally = frameworkTally(reduceAll(history)).join('; ');
		const where = finished?.type === 'run-finished' ? `${rows} row(s) in ${finished.runDir}; summary ${finished.summaryPath ?? '-'}` : `${rows} row(s)`;
		const winners =
			finished?.type === 'run-finished' && finished.winners.length > 0
				? `; winners so far: ${finished.winners.map(w => `${w.framework}/${w.scenario}: ${w.candidateId}`).join(', ')}`
				: '';
		return `llm-bench-tui: run aborted (${aborted.reason}): ${tally || 'no candidate started'}; ${where}${winners}; --resume continues it`;
	}

	if (finished?.type !== 'run-finished') return `llm-bench-tui: run ended (exit ${exitCode})`;
	const winners = finished.winners.map(w => `${w.framework}/${w.scenario}: ${w.candidateId}`).join(', ') || 'none (no SLA-passing candidate)';
	return `llm-bench-tui: run finished: ${rows} row(s) in ${finished.runDir}; summary ${finished.summaryPath ?? '-'}; winners: ${winners}${finished.cost ? `; cost: ${costLine(finished.cost)}` : ''}`;
}

/**
 * `run`, `demo` and the guided TUI: start the session and drive it headless (JSONL events on stdout,
 * one summary line on stderr) or through the TUI. With `guide` (and a terminal to answer from) the
 * TUI first walks through the guided inputs prefilled from the plan and recipe, shows the version
 * manifest, and only then starts the session. SIGINT aborts the run (servers stopped, rows kept); a
 * second SIGINT leaves at once. The plan and recipe are loaded first (load-run-inputs.ts): a user
 * error there throws before any screen opens, and in the guided TUI it ends the app with its message.
 */
export async function driveSession(options: DriveOptions): Promise<number> {
	// A mistyped LLM_BENCH_SEND_PRIORITY ends the command here, not a candidate's first paced round.
	sendPriorityMode();
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const guided = Boolean(options.guide) && !options.headless && options.resume === undefined && Boolean(process.stdin.isTTY);
	let session: Session | null = null;
	let ws: {close(): Promise<void>} | null = null;
	const runDirOf = (): string | null => {
		const started = (session as Session | null)?.history.find(event => event.type === 'run-started');
		return started?.type === 'run-started' ? started.runDir : null;
	};

	// Starts the run (and its ws server) for a plan; the guided inputs call it with their answers.
	const open = async (inputs: RunInputs) => {
		const started = startSession({...inputs, ...(options.deps ? {deps: options.deps} : {}), confirm: options.headless ? false : (options.confirm ?? true)});
		session = started;
		let banner: string | undefined;
		if (options.serveWs !== undefined) {
			const [{serveWs}, {bindProblem}] = await Promise.all([import('../remote/serve-ws.js'), import('../remote/check-bind.js')]);
			const server = await serveWs(started, options.serveWs).catch((error: NodeJS.ErrnoException) => {
				// Taken between the check and now: stop the run just started, then say why.
				started.abort('--serve-ws could not listen');
				throw bindProblem(options.serveWs!, error);
			});
			ws = server;
			banner = `serving ${server.url} · control token ${server.token}`;
			// Inside the guided TUI the banner line carries it; a plain write would tear Ink's frame.
			if (!guided) stderr.write(`llm-bench-tui: ${banner}\n`);
		}

		return {session: started, ...(banner ? {banner} : {})};
	};

	// --serve-ws is probed first: a busy port or a foreign address must not even create the output dir.
	if (options.serveWs !== undefined) await (await import('../remote/check-bind.js')).checkCanListen(options.serveWs);
	// A plan named on the command line is checked before anything opens, guided or not.
	const given = options.planFile ? await loadRunInputs(options) : null;
	// SIGINT, SIGTERM, SIGHUP: abort (recorded under the signal's own name); a second one kills the servers' groups and exits.
	const signals = watchStopSignals({
		onFirst(signal) {
			if (!session) process.exit(exitCodeFor(signal));
			session.abort(`interrupted (${signal})`);
		},
		onAgain: (first, again) =>
			(session as Session | null)?.recordUnfinished?.(`interrupted (${first}), then ${again}: exited before the servers had stopped`) ?? 0,
		runDir: runDirOf,
		log: line => stderr.write(`${line}\n`),
	});
	try {
		let exitCode: number;
		if (!guided && !given) throw new Error('driveSession: no plan to run and no guided inputs');
		if (options.headless) {
			const {session: started} = await open(given!);
			const unsubscribe = started.subscribe(event => stdout.write(`${JSON.stringify(event)}\n`));
			for (const event of started.history) stdout.write(`${JSON.stringify(event)}\n`);
			({exitCode} = await started.done);
			unsubscribe();
		} else if (guided) {
			const [{startTui}, {prepareGuide, writeGuidedPlan}] = await Promise.all([import('../ui/start-tui.js'), import('../ui/guide-inputs.js')]);
			const setup = await prepareGuide({planFile: options.planFile, recipe: options.recipe, outputDir: options.outputDir});
			({exitCode} = await startTui({guide: {setup, begin: async values => open(await loadRunInputs(await writeGuidedPlan(setup, values)))}}));
			if (!session) return exitCode;
		} else {
			const {startTui} = await import('../ui/start-tui.js');
			const started = await open(given!);
			({exitCode} = await startTui({session: started.session, ...(started.banner ? {banner: started.banner} : {})}));
		}

		const finished = session as Session | null;
		const signal = signals.received();
		// An aborted run never exits 0: 130 for the operator's abort, 128 + n for signal n.
		if (signal) exitCode = exitCodeFor(signal);
		stderr.write(`${finalLine(finished?.history ?? [], exitCode)}\n`);
		return exitCode;
	} finally {
		signals.dispose();
		await (ws as {close(): Promise<void>} | null)?.close();
	}
}
