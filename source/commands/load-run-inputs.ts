import path from 'node:path';
import {formatIssue, loadPlan} from '../config/load-plan.js';
import {newRunId} from '../engine/artifacts.js';
import {newestRunDir} from '../engine/resume-run.js';
import type {RunInputs} from '../engine/session-types.js';
import {UserError} from '../errors.js';
import {defaultLocalRecipe, loadRecipe} from '../recipes/load-recipe.js';

/** What the operator named on the command line (or in the guided inputs). */
export type RunRequest = {
	readonly planFile: string;
	/** `--recipe NAME|PATH`; default: local processes. */
	readonly recipe?: string;
	readonly outputDir?: string;
	/** `--resume [RUN_DIR]`: a run directory, or `true` for the newest under the output directory. */
	readonly resume?: string | true;
};

/**
 * The run's input edge: the plan, the recipe and the run directory are loaded and checked here,
 * before any screen opens or the engine starts, so a bad `--recipe`, a missing plan file or an
 * invalid plan is one UserError (one message, exit 1) in every mode. The engine receives typed
 * values only.
 */
export async function loadRunInputs(request: RunRequest): Promise<RunInputs> {
	const loaded = await loadPlan(request.planFile);
	const errors = loaded.issues.filter(issue => issue.severity === 'error');
	const unreadable = errors.find(issue => issue.path === '(file)');
	if (unreadable) throw new UserError(`plan ${request.planFile}: ${unreadable.message}. Give the path of a plan YAML (examples under configs/).`);
	if (!loaded.plan || errors.length > 0) {
		throw new UserError(`plan ${request.planFile} cannot run:\n  ${errors.map(issue => formatIssue(issue)).join('\n  ')}\nFix the plan (\`llm-bench-tui validate ${request.planFile}\` lists every problem).`);
	}

	const plan = loaded.plan;
	const recipe = request.recipe ? loadRecipe(request.recipe) : defaultLocalRecipe;
	const outputDir = path.resolve(request.outputDir ?? plan.search.outputDir ?? 'runs');
	const resumed = request.resume !== undefined;
	const runDir = request.resume === true ? newestRunDir(outputDir) : typeof request.resume === 'string' ? path.resolve(request.resume) : path.join(outputDir, newRunId());
	return {plan, recipe, runDir, resumed};
}
