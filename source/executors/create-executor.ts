import os from 'node:os';
import path from 'node:path';
import type {InnerRecipe, LoadedRecipe, Recipe} from '../recipes/recipe-schema.js';
import type {CommandResult, Executor, LaunchSpec, ServerProcess} from './executor.js';
import {entrypointArgs} from '../frameworks/container-facts.js';
import {stopLeftoverGroup} from './leftover-process.js';
import {runCommand, startProcess} from './local-process.js';
import {dockerExecArgv, dockerRemoveArgv, dockerRunArgv, dockerRunOnceArgv, groupLeaderScript, pgidLinePattern} from './docker-argv.js';
import {envStdin, sshArgv, type SshOptions} from './ssh-argv.js';
import {posixJoin} from './posix-quote.js';
import {isSecretKey} from '../secrets/secret-key.js';
import {findFramework, frameworkAdapter} from '../frameworks/registry.js';
import {createSlurmProbeExecutor} from './slurm/slurm-executor.js';
import {renderOnlyExecutor} from './kubernetes/render-only-executor.js';

export type ExecutorContext = {
	/** Environment of the engine process (secrets are read from here by name, never copied). */
	readonly env: Readonly<Record<string, string | undefined>>;
	/** Non-secret values every command gets (the simulated box's world and state dir). */
	readonly extraEnv?: Readonly<Record<string, string>>;
	/** Slurm recipes: the job name and GPU count of each probe's own allocation (nvidia-smi, --help). */
	readonly slurmProbe?: {readonly jobName: string; readonly gpus: number};
};

type Wrapping = {
	run(argv: readonly string[], framework: string | null, gpuIds: readonly number[] | null): string[];
	launch(spec: LaunchSpec): string[];
	/** Cleanup after the local client process is gone (container removal, remote group kill). */
	cleanup(spec: LaunchSpec, pgid: string | null): string[] | null;
	/** Launches print their process-group id first (reused container, remote host). */
	printsPgid: boolean;
	/** What the command reads on stdin first (ssh: the recipe's env values, ssh-argv.ts). */
	input?(framework: string | null): string | undefined;
};

function override(recipe: Recipe | InnerRecipe, framework: string | null) {
	return framework ? recipe.frameworks?.[framework] : undefined;
}

function envFor(recipe: Recipe | InnerRecipe, framework: string | null): Record<string, string> {
	return {...recipe.env, ...override(recipe, framework)?.env};
}

function secretNames(recipe: Recipe | InnerRecipe, framework: string | null): string[] {
	return [...new Set([...(recipe.pass_env ?? []), ...(override(recipe, framework)?.pass_env ?? [])])];
}

/**
 * Names a container gets by name (`-e NAME`, docker reads the value from its own environment): the
 * recipe's pass_env and every recipe `env:` entry — a value on docker's argv is visible in `ps` and
 * would be written into server_command.txt.
 */
function byNameEnv(recipe: Recipe | InnerRecipe, framework: string | null): string[] {
	return [...new Set([...secretNames(recipe, framework), ...Object.keys(envFor(recipe, framework))])];
}

/**
 * `docker run --gpus "device=5,6"` renumbers the GPUs inside the container from 0, so the host's
 * CUDA_VISIBLE_DEVICES=5,6 would select no device there: `--gpus` alone pins the container.
 */
function withoutHostDeviceIds(env: Record<string, string>, gpuIds: readonly number[] | null): Record<string, string> {
	if (gpuIds === null) return env;
	const {CUDA_VISIBLE_DEVICES: _hostIds, ...rest} = env;
	return rest;
}

/** The framework's own `docker run` options for a server on this many GPUs (none for host commands). */
function containerArgs(framework: string, gpuCount: number): readonly string[] {
	const name = findFramework(framework);
	return (name && frameworkAdapter(name).container?.runArgs?.(gpuCount)) ?? [];
}

const expandHome = (p: string) => (p.startsWith('~/') ? path.join(os.homedir(), p.slice(2)) : p);

function innerWrapping(recipe: InnerRecipe, extraEnv: Readonly<Record<string, string>>, remote: boolean): Wrapping {
	switch (recipe.kind) {
		case 'local': {
			return {
				run: argv => [...argv],
				launch: spec => (remote ? groupLeaderScript(spec.argv, posixJoin) : [...spec.argv]),
				// dash's kill builtin has no `--`: a negative pid right after the signal names the group.
				cleanup: (_spec, pgid) => (remote && pgid ? ['sh', '-c', `kill -TERM -${pgid} 2>/dev/null; sleep 2; kill -KILL -${pgid} 2>/dev/null; true`] : null),
				printsPgid: remote,
			};
		}

		case 'docker': {
			const image = (framework: string | null) => override(recipe, framework)?.image ?? recipe.image;
			const extraArgsFor = (framework: string | null) => [...(recipe.extra_args ?? []), ...(override(recipe, framework)?.extra_args ?? [])];
			const need = (framework: string | null) => {
				const found = image(framework);
				if (!found) throw new Error(`docker recipe has no image for ${framework ?? 'host commands'}`);
				return found;
			};

			return {
				run: (argv, framework, gpuIds) =>
					framework === null
						? [...argv]
						: dockerRunOnceArgv(
								{
									docker: recipe.docker,
									image: need(framework),
									envNames: byNameEnv(recipe, framework),
									gpuIds,
									extraArgs: extraArgsFor(framework),
									entrypointArgs: entrypointArgs(framework, extraArgsFor(framework)),
								},
								argv,
							),
				launch: spec =>
					dockerRunArgv(
						{
							docker: recipe.docker,
							image: need(spec.framework),
							name: spec.name,
							gpuIds: spec.gpuIds,
							hfCache: recipe.hf_cache ? (remote ? recipe.hf_cache : expandHome(recipe.hf_cache)) : null,
							envNames: byNameEnv(recipe, spec.framework),
							env: withoutHostDeviceIds({...extraEnv, ...spec.env}, spec.gpuIds),
							frameworkArgs: containerArgs(spec.framework, spec.gpuIds?.length ?? 0),
							extraArgs: extraArgsFor(spec.framework),
							entrypointArgs: entrypointArgs(spec.framework, extraArgsFor(spec.framework)),
						},
						spec.argv,
					),
				cleanup: spec => dockerRemoveArgv(recipe.docker, spec.name),
				printsPgid: false,
			};
		}

		case 'docker-exec': {
			const container = (framework: string | null) => {
				const found = override(recipe, framework)?.container ?? recipe.container;
				if (!found) throw new Error(`docker-exec recipe has no container for ${framework ?? 'host commands'}`);
				return found;
			};

			const exec = (framework: string, inner: readonly string[], env: Record<string, string>) =>
				dockerExecArgv({docker: recipe.docker, container: container(framework), envNames: byNameEnv(recipe, framework), env}, inner);
			return {
				run: (argv, framework) => (framework === null ? [...argv] : exec(framework, argv, {})),
				launch: spec => exec(spec.framework, groupLeaderScript(spec.argv, posixJoin), {...extraEnv, ...spec.env}),
				cleanup: (spec, pgid) =>
					pgid ? exec(spec.framework, ['sh', '-c', `kill -TERM -${pgid} 2>/dev/null; sleep 2; kill -KILL -${pgid} 2>/dev/null; true`], {}) : null,
				printsPgid: true,
			};
		}
	}
}

/** Over ssh a secret-named recipe env entry crosses by name (SendEnv; the remote sshd must AcceptEnv it). */
function sshSecretEnv(recipe: Extract<Recipe, {kind: 'ssh'}>, framework: string | null): Record<string, string> {
	const all = {...envFor(recipe, framework), ...envFor(recipe.remote, framework)};
	return Object.fromEntries(Object.entries(all).filter(([name]) => isSecretKey(name)));
}

function sshOptionsOf(recipe: Extract<Recipe, {kind: 'ssh'}>, framework: string | null = null): SshOptions {
	return {
		ssh: recipe.ssh,
		host: recipe.host,
		user: recipe.user ?? null,
		port: recipe.port ?? null,
		identityFile: recipe.identity_file ? expandHome(recipe.identity_file) : null,
		options: recipe.ssh_options ?? [],
		sendEnv: [...new Set([...(recipe.pass_env ?? []), ...Object.keys(sshSecretEnv(recipe, framework))])],
	};
}

function wrappingFor(recipe: Exclude<Recipe, {kind: 'slurm' | 'kubernetes'}>, extraEnv: Readonly<Record<string, string>>): Wrapping {
	if (recipe.kind === 'simulated') return innerWrapping({kind: 'local'}, extraEnv, false);
	if (recipe.kind !== 'ssh') return innerWrapping(recipe, extraEnv, false);
	const inner = innerWrapping(recipe.remote, extraEnv, true);
	const ssh = (framework: string | null) => sshOptionsOf(recipe, framework);
	// Recipe env values never go on a command line (ssh-argv.ts, docs/config.md): secret-named
	// entries cross by SendEnv (above), the others as stdin the remote shell exports before it becomes
	// the command (a remote container then takes them by name). Only the engine's own values
	// (CUDA_VISIBLE_DEVICES, the simulated world) stay inline as `env NAME=value`, for a remote host.
	const stdinEnv = (framework: string | null) => {
		const secret = sshSecretEnv(recipe, framework);
		return Object.fromEntries(Object.entries({...envFor(recipe, framework), ...envFor(recipe.remote, framework)}).filter(([name]) => !(name in secret)));
	};
	const inlineEnv = (spec?: LaunchSpec) => (recipe.remote.kind === 'local' ? {...extraEnv, ...spec?.env} : {});
	const wrap = (framework: string | null, remote: string[], spec?: LaunchSpec) =>
		sshArgv(ssh(framework), remote, inlineEnv(spec), Object.keys(stdinEnv(framework)));

	return {
		run: (argv, framework, gpuIds) => wrap(framework, inner.run(argv, framework, gpuIds)),
		launch: spec => wrap(spec.framework, inner.launch(spec), spec),
		cleanup(spec, pgid) {
			const remote = inner.cleanup(spec, pgid);
			return remote ? sshArgv(ssh(spec.framework), remote) : null;
		},
		printsPgid: inner.printsPgid,
		input(framework) {
			const env = stdinEnv(framework);
			return Object.keys(env).length > 0 ? envStdin(env) : undefined;
		},
	};
}

export function createExecutor(loaded: LoadedRecipe, context: ExecutorContext): Executor {
	const {recipe} = loaded;
	if (recipe.kind === 'slurm') return createSlurmProbeExecutor(loaded, context, context.slurmProbe ?? {jobName: 'llm-bench-probe', gpus: 1});
	if (recipe.kind === 'kubernetes') return renderOnlyExecutor();
	const extraEnv = context.extraEnv ?? {};
	const wrapping = wrappingFor(recipe, extraEnv);
	const pathValue = [...loaded.pathPrepend, context.env.PATH ?? ''].filter(Boolean).join(path.delimiter);
	// Local kinds get the recipe env as their own; docker and ssh clients carry it so `-e NAME` and
	// SendEnv find the value in their environment (never on their argv).
	const localEnv = (framework: string | null, spec?: LaunchSpec) => ({
		...context.env,
		...(recipe.kind === 'local' || recipe.kind === 'simulated' ? {...envFor(recipe, framework), ...extraEnv, ...spec?.env} : envFor(recipe, framework)),
		...(recipe.kind === 'ssh' ? envFor(recipe.remote, framework) : {}),
		PATH: pathValue,
	});
	const remoteHost = recipe.kind === 'ssh' ? recipe.host : null;
	return {
		kind: recipe.kind,
		connectHost: remoteHost ?? '127.0.0.1',
		bindHost: remoteHost ? '0.0.0.0' : '127.0.0.1',
		async run(argv, options): Promise<CommandResult> {
			let wrapped: string[];
			try {
				wrapped = wrapping.run(argv, options.framework, options.gpuIds ?? null);
			} catch (error) {
				return {code: null, stdout: '', stderr: '', timedOut: false, error: (error as Error).message};
			}

			const input = wrapping.input?.(options.framework);
			return runCommand(wrapped, {
				env: localEnv(options.framework),
				timeoutMs: options.timeoutMs,
				...(input === undefined ? {} : {input}),
				...(options.onLine ? {onLine: options.onLine} : {}),
			});
		},
		describeLaunch: spec => wrapping.launch(spec),
		async stopLeftover(leftover) {
			const done: string[] = [];
			if (await stopLeftoverGroup(leftover.pid, leftover.command)) done.push(`stopped process group ${leftover.pid}`);
			// Without the remote process-group id only a container can be cleaned up from here.
			const cleanup = wrapping.cleanup({argv: [], name: leftover.name, gpuIds: null, framework: leftover.framework}, null);
			if (cleanup) {
				const result = await runCommand(cleanup, {env: localEnv(leftover.framework), timeoutMs: 30_000});
				done.push(`${cleanup.join(' ')} exited ${result.code ?? result.error ?? 'on a signal'}`);
			}

			return done.length > 0 ? done.join('; ') : 'nothing was still running';
		},
		launch(spec): ServerProcess {
			let pgid: string | null = null;
			const input = wrapping.input?.(spec.framework);
			const proc = startProcess(wrapping.launch(spec), {
				env: localEnv(spec.framework, spec),
				...(input === undefined ? {} : {input}),
				async onStop() {
					const cleanup = wrapping.cleanup(spec, pgid);
					if (cleanup) await runCommand(cleanup, {env: localEnv(spec.framework), timeoutMs: 30_000});
				},
			});
			if (wrapping.printsPgid) {
				proc.onLine(line => {
					const match = pgidLinePattern.exec(line.trim());
					if (match && pgid === null) pgid = match[1]!;
				});
			}

			return proc;
		},
	};
}
