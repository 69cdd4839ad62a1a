import type {LoadedRecipe} from '../recipes/recipe-schema.js';
import {createExecutor} from './create-executor.js';
import type {Executor} from './executor.js';

/**
 * The executor a recipe stands for, as the run and the guided inputs both need it: the simulated
 * box's shims get its world (and, in a run, the directory where its servers publish their state),
 * so `nvidia-smi` through it describes the same GPUs the run will see.
 */
export function recipeExecutor(recipe: LoadedRecipe, env: Readonly<Record<string, string | undefined>>, simStateDir: string | null = null): Executor {
	const world = recipe.recipe.kind === 'simulated' ? (recipe.recipe.world ?? {}) : null;
	const extraEnv = world ? {LLM_BENCH_SIM_WORLD: JSON.stringify(world), ...(simStateDir ? {LLM_BENCH_SIM_STATE: simStateDir} : {})} : {};
	return createExecutor(recipe, {env, extraEnv});
}
