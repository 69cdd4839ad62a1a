import path from 'node:path';
import type {LoadedRecipe, SlurmRecipe} from '../../recipes/recipe-schema.js';
import type {CommandResult, Executor, LaunchSpec, ServerProcess} from '../executor.js';
import {runCommand, startProcess} from '../local-process.js';
import {cancel, type SlurmCli} from './slurm-cli.js';
import {srunInJobArgv, srunProbeArgv, type SrunOptions} from './srun-argv.js';

/**
 * Executors of the `slurm` recipe kind (docs/recipes.md). Every command is a local `srun` client
 * process: in a candidate's allocation (`srun --jobid=ID --overlap`, the placement's executor) or,
 * for the run's probes before any allocation (nvidia-smi, --help, --version), in a short allocation
 * of its own. The environment crosses with srun's default `--export=ALL`; Slurm sets
 * CUDA_VISIBLE_DEVICES in each step for the job's GPUs, so the engine's pinning is dropped.
 */
export type SlurmExecutorContext = {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly extraEnv?: Readonly<Record<string, string>>;
};

function recipeOf(loaded: LoadedRecipe): SlurmRecipe {
	if (loaded.recipe.kind !== 'slurm') throw new Error(`not a slurm recipe: ${loaded.recipe.kind}`);
	return loaded.recipe;
}

export function srunOptions(recipe: SlurmRecipe, framework: string | null): SrunOptions {
	const override = framework ? recipe.frameworks?.[framework] : undefined;
	// Host-level commands (nvidia-smi) run on the node itself, not in a framework's image.
	const image = framework === null ? null : (override?.image ?? recipe.container_image ?? null);
	return {
		containerImage: image,
		containerMounts: recipe.container_mounts ?? [],
		extraArgs: [...(recipe.srun_args ?? []), ...(override?.extra_args ?? [])],
	};
}

/** The local environment of every srun client: the engine's, the recipe's, PATH with path_prepend. */
export function slurmEnv(loaded: LoadedRecipe, context: SlurmExecutorContext, framework: string | null, spec?: LaunchSpec): Record<string, string | undefined> {
	const recipe = recipeOf(loaded);
	const pathValue = [...loaded.pathPrepend, context.env.PATH ?? ''].filter(Boolean).join(path.delimiter);
	const {CUDA_VISIBLE_DEVICES: _pinned, ...specEnv} = spec?.env ?? {};
	return {
		...context.env,
		...recipe.env,
		...(framework ? recipe.frameworks?.[framework]?.env : {}),
		...context.extraEnv,
		...specEnv,
		PATH: pathValue,
	};
}

export function slurmCli(context: SlurmExecutorContext): SlurmCli {
	return {env: context.env};
}

/** Probes before any candidate holds an allocation: each in a short allocation of its own. */
export function createSlurmProbeExecutor(loaded: LoadedRecipe, context: SlurmExecutorContext, probe: {jobName: string; gpus: number}): Executor {
	const recipe = recipeOf(loaded);
	const argvFor = (argv: readonly string[], framework: string | null, timeoutMs: number) =>
		srunProbeArgv(
			{
				jobName: probe.jobName,
				gpus: probe.gpus,
				minutes: Math.ceil(timeoutMs / 60_000) + 1,
				...(recipe.partition ? {partition: recipe.partition} : {}),
				...(recipe.account ? {account: recipe.account} : {}),
			},
			srunOptions(recipe, framework),
			argv,
		);
	const noServer = (): never => {
		throw new Error('the slurm recipe starts servers only inside a candidate allocation (its placement)');
	};

	return {
		kind: 'slurm',
		connectHost: '127.0.0.1',
		bindHost: '0.0.0.0',
		async run(argv, options): Promise<CommandResult> {
			return runCommand(argvFor(argv, options.framework, options.timeoutMs), {env: slurmEnv(loaded, context, options.framework), timeoutMs: options.timeoutMs});
		},
		launch: noServer,
		describeLaunch: noServer,
		async stopLeftover() {
			return 'a slurm server ends with its allocation (the run cancels leftover jobs by name)';
		},
	};
}

export type Allocation = {readonly jobId: string; readonly node: string; readonly address: string};

/** Commands and the server of one candidate, inside its allocation on its node. */
export function createAllocationExecutor(loaded: LoadedRecipe, context: SlurmExecutorContext, allocation: Allocation): Executor {
	const recipe = recipeOf(loaded);
	const cli = slurmCli(context);
	const argvFor = (argv: readonly string[], framework: string | null) => srunInJobArgv(allocation.jobId, srunOptions(recipe, framework), argv);
	return {
		kind: 'slurm',
		connectHost: allocation.address,
		// The client reaches the server from outside the node: listen on every interface there.
		bindHost: '0.0.0.0',
		async run(argv, options): Promise<CommandResult> {
			return runCommand(argvFor(argv, options.framework), {env: slurmEnv(loaded, context, options.framework), timeoutMs: options.timeoutMs});
		},
		describeLaunch: spec => argvFor(spec.argv, spec.framework),
		launch(spec): ServerProcess {
			// srun forwards SIGTERM to the step's tasks; the allocation's scancel (release) ends the rest.
			return startProcess(argvFor(spec.argv, spec.framework), {env: slurmEnv(loaded, context, spec.framework, spec)});
		},
		async stopLeftover() {
			const problem = await cancel(cli, [allocation.jobId]);
			return problem ? `scancel ${allocation.jobId}: ${problem}` : `cancelled Slurm job ${allocation.jobId}`;
		},
	};
}
