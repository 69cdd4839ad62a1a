import type {Recipe} from './recipe-schema.js';

/**
 * The simulated box's world when a recipe runs it: `simulated` always (its defaults when `world` is
 * absent); `slurm` when it sets `world` (recipes/slurm-simulated.yaml: the box inside the jobs).
 */
export function simulatedWorld(recipe: Recipe): Readonly<Record<string, unknown>> | null {
	if (recipe.kind === 'simulated') return recipe.world ?? {};
	if (recipe.kind === 'slurm' && recipe.world) return recipe.world;
	return null;
}
