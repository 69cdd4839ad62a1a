import {type ChildProcess, spawn} from 'node:child_process';
import type {CommandResult, ExitInfo, ServerProcess} from './executor.js';

export type ProcessOptions = {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd?: string;
	/** Written to the command's stdin (ssh's env values, ssh-argv.ts). */
	readonly input?: string;
	/** Each output line as it arrives; `\r` ends a line too (docker pull, tqdm progress bars). */
	readonly onLine?: (line: string) => void;
};

function lineSplitter(onLine: ((line: string) => void) | undefined): (chunk: string) => void {
	if (!onLine) return () => {};
	let partial = '';
	return chunk => {
		const parts = (partial + chunk).split(/\r\n|\r|\n/);
		partial = parts.pop() ?? '';
		for (const part of parts) if (part.trim() !== '') onLine(part);
	};
}

/** Stdin gets the input, if any, and is closed at once: like /dev/null to a command that never reads it. */
function feedInput(child: ChildProcess, input: string | undefined): void {
	child.stdin?.on('error', () => {});
	child.stdin?.end(input ?? '');
}

/** Run a short command to completion, collecting output; never throws. */
export async function runCommand(argv: readonly string[], options: ProcessOptions & {timeoutMs: number}): Promise<CommandResult> {
	return new Promise(resolve => {
		const [file, ...args] = argv;
		if (!file) {
			resolve({code: null, stdout: '', stderr: '', timedOut: false, error: 'empty command'});
			return;
		}

		const child = spawn(file, args, {
			env: options.env as NodeJS.ProcessEnv,
			cwd: options.cwd,
			detached: true,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		feedInput(child, options.input);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		let spawnError: string | null = null;
		const [outLines, errLines] = [lineSplitter(options.onLine), lineSplitter(options.onLine)];
		child.stdout.setEncoding('utf8').on('data', (d: string) => {
			stdout += d;
			outLines(d);
		});
		child.stderr.setEncoding('utf8').on('data', (d: string) => {
			stderr += d;
			errLines(d);
		});
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid, 'SIGKILL');
		}, options.timeoutMs);
		child.on('error', error => (spawnError = error.message));
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr, timedOut, error: spawnError});
		});
	});
}

/** Signal a whole process group (the server and every worker it forked). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// Already gone.
		}
	}
}

/**
 * Start a long-running server in its own process group so that stopping it also stops the
 * workers it forks (vLLM engine cores, TP ranks). `onStop` runs extra cleanup (docker rm -f).
 */
export function startProcess(argv: readonly string[], options: ProcessOptions & {onStop?: () => Promise<void>}): ServerProcess {
	const [file, ...args] = argv;
	const child = spawn(file ?? 'false', args, {
		env: options.env as NodeJS.ProcessEnv,
		cwd: options.cwd,
		detached: true,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	feedInput(child, options.input);
	const lines: string[] = [];
	const listeners: Array<(line: string) => void> = [];
	const push = (line: string) => {
		lines.push(line);
		if (lines.length > 5000) lines.splice(0, 1000);
		for (const listener of listeners) listener(line);
	};

	for (const stream of [child.stdout, child.stderr]) {
		let partial = '';
		stream.setEncoding('utf8');
		stream.on('data', (chunk: string) => {
			const parts = (partial + chunk).split(/\r?\n/);
			partial = parts.pop() ?? '';
			for (const part of parts) push(part);
		});
		stream.on('end', () => {
			if (partial) push(partial);
			partial = '';
		});
	}

	const exited = new Promise<ExitInfo>(resolve => {
		child.on('error', error => {
			push(`failed to start ${file}: ${error.message}`);
			resolve({code: 127, signal: null});
		});
		child.on('exit', (code, signal) => resolve({code, signal}));
	});
	let gone = false;
	void exited.then(() => (gone = true));

	return {
		pid: child.pid,
		onLine(listener) {
			for (const line of lines) listener(line);
			listeners.push(listener);
		},
		exited,
		async stop(graceMs = 5000) {
			if (!gone) {
				killGroup(child.pid, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
				await exited;
				clearTimeout(timer);
			}

			// Workers that ignored SIGTERM while the leader exited still share the group.
			killGroup(child.pid, 'SIGKILL');
			await options.onStop?.();
		},
	};
}
