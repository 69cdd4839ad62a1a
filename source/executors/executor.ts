/**
 * Where commands run (docs/architecture.md rule 5): one executor per place — local, docker run,
 * docker exec, ssh. Docker and ssh only rewrite argv; every process is started by the local runner.
 */

export type CommandResult = {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
	readonly timedOut: boolean;
	/** Spawn failure (e.g. ENOENT: the command is not installed). */
	readonly error: string | null;
};

/**
 * A server-log line an executor adds when the scheduler ended the server's allocation (Slurm's time
 * limit, a node failure, a cancel): failure classification quotes it before anything the server said.
 */
export const schedulerLinePrefix = 'llm-bench-tui: scheduler: ';

export type ExitInfo = {readonly code: number | null; readonly signal: string | null};

export type ServerProcess = {
	readonly pid: number | undefined;
	/** Every stdout and stderr line, as it arrives (earlier lines are replayed to a late listener). */
	onLine(listener: (line: string) => void): void;
	readonly exited: Promise<ExitInfo>;
	/** SIGTERM the process group (and the container), SIGKILL after the grace; resolves when gone. */
	stop(graceMs?: number): Promise<void>;
};

export type LaunchSpec = {
	readonly argv: readonly string[];
	/** Unique per candidate; becomes the container name for docker. */
	readonly name: string;
	readonly gpuIds: readonly number[] | null;
	readonly framework: string;
	/** Extra env for this launch (values set here are not secrets). */
	readonly env?: Readonly<Record<string, string>>;
};

export type Executor = {
	readonly kind: string;
	/** Host the load client connects to; where servers bind. */
	readonly connectHost: string;
	readonly bindHost: string;
	/** Short command (nvidia-smi, --help, --version) for a framework (null = host-level). */
	/** `gpuIds`: the GPUs a framework command's container gets (docker run); null = all. */
	/** `onLine`: each stdout/stderr line as it arrives (also `\r`-ended progress lines), for live progress. */
	run(
		argv: readonly string[],
		options: {framework: string | null; timeoutMs: number; gpuIds?: readonly number[] | null; onLine?: (line: string) => void},
	): Promise<CommandResult>;
	launch(spec: LaunchSpec): ServerProcess;
	/** The argv that `launch` really runs (for server_command.txt). */
	describeLaunch(spec: LaunchSpec): readonly string[];
	/**
	 * Stop a server an earlier, killed run left behind: its local process group (when `pid` still
	 * runs `command`) and its container. Returns what was done, for the operator.
	 */
	stopLeftover(leftover: {readonly name: string; readonly framework: string; readonly pid: number | null; readonly command: string}): Promise<string>;
};
