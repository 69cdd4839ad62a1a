import process from 'node:process';
import {render} from 'ink';
import type {Session} from '../engine/session-types.js';
import {App} from './app/app.js';

export type StartTuiOptions = {
	readonly session: Session;
	/** A line under the header (e.g. "serving ws://127.0.0.1:7070 · token …"). */
	readonly banner?: string;
	readonly stdout?: NodeJS.WriteStream;
	readonly stdin?: NodeJS.ReadStream;
	/** Unmounts when this settles (a remote viewer whose connection closed). */
	readonly until?: Promise<unknown>;
	/** Without a terminal for keys, say go after preflight (local runs; a remote viewer must not). */
	readonly autoProceed?: boolean;
};

/** Shared with bench/tui.ts: only changed lines are rewritten, and no faster than the state updates. */
export const tuiRenderOptions = {exitOnCtrlC: false, incrementalRendering: true, maxFps: 10} as const;

/**
 * Renders the TUI for a live session and resolves when the operator quits (q after the run, or
 * Ctrl-C once the aborted run has wound down). Ctrl-C never leaves a server behind: it calls
 * session.abort() and waits for the engine to stop everything.
 */
export async function startTui(options: StartTuiOptions): Promise<{exitCode: number}> {
	const stdin = options.stdin ?? process.stdin;
	const interactive = Boolean(stdin.isTTY);
	const instance = render(<App session={options.session} interactive={interactive} banner={options.banner} />, {
		stdout: options.stdout ?? process.stdout,
		stdin,
		...tuiRenderOptions,
		patchConsole: true,
	});
	// Without a terminal to read keys from, the run cannot be confirmed or quit: follow it to the end.
	if (!interactive) {
		if (options.autoProceed ?? true) options.session.proceed();
		void options.session.done.then(() => setTimeout(() => instance.unmount(), 200));
	}

	void options.until?.then(() => instance.unmount());
	await instance.waitUntilExit();
	const {exitCode} = await options.session.done;
	return {exitCode};
}
