import type {LoadedRecipe} from '../recipes/recipe-schema.js';
import type {Executor} from './executor.js';
import {localPlacer} from './local-placer.js';
import {createSlurmJobsJournal} from './slurm/slurm-jobs-journal.js';
import {createSlurmPlacer} from './slurm/slurm-placer.js';
import type {Placer} from './placement.js';

export type PlacerInputs = {
	readonly recipe: LoadedRecipe;
	/** The run's executor (preflight's nvidia-smi, help and version ran through it). */
	readonly executor: Executor;
	/** The GPUs the run may use and how many each candidate gets (the plan's hardware block). */
	readonly gpuIds: readonly number[];
	readonly gpusPerCandidate: number;
	/** GPU id → model from preflight's nvidia-smi (slots of another model are left out). */
	readonly gpuNames?: ReadonlyMap<number, string>;
	/** Scheduler placers (slurm): the engine's environment, the run id its jobs are named for, the run directory that journals them. */
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly runId?: string;
	readonly runDir?: string;
	/** Non-secret values every command gets (the simulated box's world and state folder). */
	readonly extraEnv?: Readonly<Record<string, string>>;
};

/** The placer a recipe stands for (docs/placement.md): every kind on one machine places locally, `parallel` (default 1) candidates at once. */
export function createPlacer(inputs: PlacerInputs): Placer {
	const {recipe} = inputs.recipe;
	// Slurm places: one allocation per candidate (docs/recipes.md).
	if (recipe.kind === 'slurm')
		return createSlurmPlacer(inputs.recipe, {
			env: inputs.env ?? process.env,
			runId: inputs.runId ?? 'run',
			...(inputs.extraEnv ? {extraEnv: inputs.extraEnv} : {}),
			...(inputs.runDir ? {journal: createSlurmJobsJournal(inputs.runDir)} : {}),
		});
	return localPlacer({
		executor: inputs.executor,
		gpuIds: inputs.gpuIds,
		gpusPerCandidate: inputs.gpusPerCandidate,
		parallel: recipe.parallel ?? 1,
		label: recipe.kind === 'ssh' ? recipe.host : recipe.kind === 'simulated' ? 'simulated box' : 'local',
		...(inputs.gpuNames ? {gpuNames: inputs.gpuNames} : {}),
	});
}
