import {nearest} from '../config/did-you-mean.js';
import {findFramework, frameworkKeys} from '../frameworks/registry.js';
import {WorldSchema} from '../sim/world.js';
import type {Recipe} from './recipe-schema.js';

/**
 * Keys valibot lets through but nothing reads: a framework override under a name no framework has
 * (`frameworks.vlm`), a simulated world key the simulator does not know (`world.gpu_modle`). Each
 * would be silently ignored; each comes back as `path: message` with the nearest valid name.
 */
export function recipeTypos(recipe: Recipe): string[] {
	const problems: string[] = [];
	const checkFrameworks = (frameworks: Readonly<Record<string, unknown>> | undefined, prefix: string) => {
		for (const key of Object.keys(frameworks ?? {})) {
			if (findFramework(key)) continue;
			const guess = nearest(key, frameworkKeys, {always: true});
			problems.push(`${prefix}frameworks.${key}: not a framework${guess ? ` — did you mean ${guess}?` : ''} (one of: ${frameworkKeys.join(', ')})`);
		}
	};

	checkFrameworks(recipe.frameworks, '');
	if (recipe.kind === 'ssh') checkFrameworks(recipe.remote.frameworks, 'remote.');
	if ((recipe.kind === 'simulated' || recipe.kind === 'slurm') && recipe.world) {
		const worldKeys = Object.keys(WorldSchema.entries);
		for (const key of Object.keys(recipe.world)) {
			if (worldKeys.includes(key)) continue;
			const guess = nearest(key, worldKeys, {always: true});
			problems.push(`world.${key}: not a simulated-world setting${guess ? ` — did you mean ${guess}?` : ''}`);
		}
	}

	return problems;
}
