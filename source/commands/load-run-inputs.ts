import path from 'node:path';
import {formatIssue, loadPlan} from '../config/load-plan.js';
import process from 'node:process';
import {planIdentity} from '../engine/plan-identity.js';
import {checkResumedPlan, resolveRunDir} from '../engine/run-dir.js';
import type {RunInputs} from '../engine/session-types.js';
import {UserError} from '../errors.js';
import {defaultLocalRecipe, loadRecipe} from '../recipes/load-recipe.js';
import {createRedactor} from '../secrets/redact.js';
import {secretValuesIn} from '../secrets/secret-values.js';

/** What the operator named on the command line (or in the guided inputs). */
export type RunRequest = {
	readonly planFile: string;
	/** `--recipe NAME|PATH`; default: local processes. */
	readonly recipe?: string;
	readonly outputDir?: string;
	/** `--resume [RUN_DIR]`: a run directory, or `true` for the newest under the output directory. */
	readonly resume?: string | true;
	/** `--search`: overrides the plan's search.strategy. */
	readonly search?: 'exhaustive' | 'adaptive';
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
		throw new UserError(
			`plan ${request.planFile} cannot run:\n  ${errors.map(issue => formatIssue(issue)).join('\n  ')}\nFix the plan (\`llm-bench-tui validate ${request.planFile}\` lists every problem).`,
		);
	}

	const plan = request.search ? {...loaded.plan, search: {...loaded.plan.search, strategy: request.search}} : loaded.plan;
	const recipe = request.recipe ? loadRecipe(request.recipe) : defaultLocalRecipe;
	if (recipe.recipe.kind === 'kubernetes')
		throw new UserError(
			`--recipe ${request.recipe}: a kubernetes recipe is rendered, not run (no API server is contacted): \`llm-bench-tui plan ${request.planFile} --recipe ${request.recipe}\` prints one Job per candidate for kubectl apply.`,
		);
	const outputDir = path.resolve(request.outputDir ?? plan.search.outputDir ?? 'runs');
	const resumed = request.resume !== undefined;
	// Checked before anything is written: a missing --resume dir, an output dir that is a file or unwritable.
	const runDir = resolveRunDir(outputDir, request.resume);
	// A resumed run must measure what it started with; the identity masks secret values (secret-values.ts).
	if (resumed) checkResumedPlan(runDir, planIdentity(plan, createRedactor(process.env, [...secretValuesIn(plan), ...secretValuesIn(recipe.recipe)])));
	return {plan, recipe, runDir, resumed};
}
