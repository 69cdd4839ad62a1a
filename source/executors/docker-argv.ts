/**
 * Pure argv rewriting for containers (seed container runbook). A fresh container per candidate;
 * secrets by name only (`-e HF_TOKEN`, the value stays in the client's environment).
 */

export type DockerRunOptions = {
	readonly docker: string;
	readonly image: string;
	/** Unique per candidate, so cleanup is `docker rm -f <name>`. */
	readonly name: string;
	readonly gpuIds: readonly number[] | null;
	readonly hfCache: string | null;
	/** Passed by name: `-e NAME` (docker reads the value from its own environment). */
	readonly envNames: readonly string[];
	/** Non-secret values: `-e NAME=value`. */
	readonly env: Readonly<Record<string, string>>;
	/** The framework's own `docker run` options (ContainerRules.runArgs, e.g. NCCL/shm for multi-GPU). */
	readonly frameworkArgs: readonly string[];
	readonly extraArgs: readonly string[];
	/** `--entrypoint ''` for images whose entrypoint is a command of its own (vLLM's `vllm serve`). */
	readonly entrypointArgs?: readonly string[];
};

export function gpusArgument(gpuIds: readonly number[] | null): string {
	// The inner quotes are part of the value: docker splits `device=0,1` on the comma otherwise.
	return gpuIds === null ? 'all' : `"device=${gpuIds.join(',')}"`;
}

export function dockerRunArgv(options: DockerRunOptions, inner: readonly string[]): string[] {
	const argv = [options.docker, 'run', '--rm', '--name', options.name, '--gpus', gpusArgument(options.gpuIds), '--network', 'host', '--ipc=host'];
	if (options.hfCache) argv.push('-v', `${options.hfCache}:/root/.cache/huggingface`);
	for (const name of options.envNames) argv.push('-e', name);
	for (const [name, value] of Object.entries(options.env)) argv.push('-e', `${name}=${value}`);
	argv.push(...options.frameworkArgs, ...(options.entrypointArgs ?? []), ...options.extraArgs, options.image, ...inner);
	return argv;
}

/**
 * A short command (help, version) in a throwaway container, started like the launch: the same
 * GPUs (`import tensorrt_llm` fails without them), entrypoint override and recipe extra_args
 * (an image's entrypoint would otherwise be prepended to the command).
 */
export function dockerRunOnceArgv(
	options: Pick<DockerRunOptions, 'docker' | 'image' | 'envNames' | 'gpuIds' | 'extraArgs' | 'entrypointArgs'>,
	inner: readonly string[],
): string[] {
	return [
		options.docker,
		'run',
		'--rm',
		'--gpus',
		gpusArgument(options.gpuIds),
		...options.envNames.flatMap(name => ['-e', name]),
		...(options.entrypointArgs ?? []),
		...options.extraArgs,
		options.image,
		...inner,
	];
}

export function dockerExecArgv(
	options: {docker: string; container: string; envNames: readonly string[]; env: Readonly<Record<string, string>>},
	inner: readonly string[],
): string[] {
	return [
		options.docker,
		'exec',
		...options.envNames.flatMap(name => ['-e', name]),
		...Object.entries(options.env).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
		options.container,
		...inner,
	];
}

export function dockerRemoveArgv(docker: string, name: string): string[] {
	return [docker, 'rm', '-f', name];
}

/**
 * In a reused container the server is not the container's main process: start it in its own
 * process group and print that group id, so stopping it can kill the group inside the container.
 */
export function groupLeaderScript(inner: readonly string[], quote: (argv: readonly string[]) => string): string[] {
	// setsid makes the shell a group leader whatever started it (sshd's shell, docker exec).
	return ['setsid', '-w', 'sh', '-c', `echo "llm-bench-pgid=$$"; exec ${quote(inner)}`];
}

export const pgidLinePattern = /^llm-bench-pgid=(\d+)$/;
