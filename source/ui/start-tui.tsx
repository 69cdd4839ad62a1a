import process from 'node:process';
import {render} from 'ink';
import type {Session} from '../engine/session-types.js';
import {Root, type Guide, type Stage} from './app/root.js';

export type StartTuiOptions = {
	/** A run already started (a plan accepted with --yes, a remote viewer). */
	readonly session?: Session;
	/** Or the guided inputs first; their answers start the session (see Root). */
	readonly guide?: Guide;
	/** A line under the header (e.g. "serving ws://127.0.0.1:7070 · token …"). */
	readonly banner?: string;
	readonly stdout?: NodeJS.WriteStream;
	readonly stdin?: NodeJS.ReadStream;
	/**
	 * Unmounts when this settles (a remote viewer whose connection closed) — unless the run had
	 * finished: then its results stay on screen until the operator quits.
	 */
	readonly until?: Promise<unknown>;
	/** A viewer that may not steer: no skip/abort keys, and ctrl-c leaves without aborting. */
	readonly readOnly?: boolean;
	/** Without a terminal for keys, say go after preflight (local runs; a remote viewer must not). */
	readonly autoProceed?: boolean;
};

/**
 * Shared with bench/tui.ts: no faster than the state updates. Ink 6.8's incremental renderer moves
 * the cursor one line short whenever a frame is shorter than the terminal (every wizard step and
 * preflight screen left its first line behind in tmux), so whole frames are redrawn; the screens
 * keep below the terminal's height, where Ink would otherwise clear the terminal on every frame.
 */
export const tuiRenderOptions = {exitOnCtrlC: false, incrementalRendering: false, maxFps: 10} as const;

/**
 * Renders the TUI (guided inputs when asked, then the run) and resolves when the operator quits (q
 * after the run, or Ctrl-C once the aborted run has wound down). Ctrl-C never leaves a server
 * behind: it calls session.abort() and waits for the engine to stop everything. `session` is null
 * when the operator left the guided inputs before a run started (exit code 130).
 */
export async function startTui(options: StartTuiOptions): Promise<{exitCode: number; session: Session | null}> {
	const stdin = options.stdin ?? process.stdin;
	const interactive = Boolean(stdin.isTTY);
	let current: Session | null = options.session ?? null;
	const given: Stage | undefined = options.session ? {session: options.session, readOnly: options.readOnly ?? false, ...(options.banner ? {banner: options.banner} : {})} : undefined;
	const instance = render(<Root stage={given} guide={options.guide} interactive={interactive} onStage={stage => (current = stage.session)} />, {
		stdout: options.stdout ?? process.stdout,
		stdin,
		...tuiRenderOptions,
		patchConsole: true,
	});
	// Without a terminal to read keys from, the run cannot be confirmed or quit: follow it to the end.
	if (!interactive && options.session) {
		if (options.autoProceed ?? true) options.session.proceed();
		// Also when the run ends on a machine failure (a full disk): the caller reports that one line.
		const unmount = () => void setTimeout(() => instance.unmount(), 200);
		void options.session.done.then(unmount, unmount);
	}

	const finished = () => options.session?.history.some(event => event.type === 'run-finished') ?? false;
	void options.until?.then(() => {
		if (!interactive || !finished()) instance.unmount();
	});
	try {
		await instance.waitUntilExit();
	} catch (error) {
		// The app ended on an error (the guided plan did not validate): stop a run that started anyway.
		const started = current as Session | null;
		started?.abort('the TUI stopped on an error');
		await started?.done;
		throw error;
	}

	const session = current as Session | null;
	if (!session) return {exitCode: 130, session: null};
	const {exitCode} = await session.done;
	return {exitCode, session};
}
