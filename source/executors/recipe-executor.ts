import type {LoadedRecipe} from '../recipes/recipe-schema.js';
import {simulatedWorld} from '../recipes/simulated-world.js';
import {createExecutor, type ExecutorContext} from './create-executor.js';
import type {Executor} from './executor.js';

/**
 * The executor a recipe stands for, as the run and the guided inputs both need it: the simulated
 * box's shims get its world (and, in a run, the directory where its servers publish their state),
 * so `nvidia-smi` through it describes the same GPUs the run will see.
 */
export function recipeExecutor(
	recipe: LoadedRecipe,
	env: Readonly<Record<string, string | undefined>>,
	simStateDir: string | null = null,
	slurmProbe?: ExecutorContext['slurmProbe'],
): Executor {
	return createExecutor(recipe, {env, extraEnv: simulatedEnv(recipe, simStateDir), ...(slurmProbe ? {slurmProbe} : {})});
}

/** The simulated box's world (and state folder) for every command, when the recipe runs the box. */
export function simulatedEnv(recipe: LoadedRecipe, simStateDir: string | null): Record<string, string> {
	const world = simulatedWorld(recipe.recipe);
	return world ? {LLM_BENCH_SIM_WORLD: JSON.stringify(world), ...(simStateDir ? {LLM_BENCH_SIM_STATE: simStateDir} : {})} : {};
}
