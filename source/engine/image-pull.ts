import type {FrameworkName} from '../frameworks/registry.js';
import type {Recipe} from '../recipes/recipe-schema.js';
import {pullProgress} from './pull-progress.js';
import type {RunBase} from './run-context.js';

/**
 * Pulling a framework image (tens of GB) is its own preflight step with its own limit, so it never
 * eats the help-capture (300 s) or readiness (1,800 s) budgets: `docker image inspect` first
 * ("already present"), else `docker pull` under `pull_timeout_s` (default one hour).
 */
export const defaultPullTimeoutS = 3600;

function dockerOf(recipe: Recipe): {docker: string; image: (framework: FrameworkName) => string | null} | null {
	const inner = recipe.kind === 'ssh' ? recipe.remote : recipe;
	if (inner?.kind !== 'docker') return null;
	return {docker: inner.docker, image: framework => inner.frameworks?.[framework]?.image ?? inner.image ?? recipe.frameworks?.[framework]?.image ?? null};
}

/** Docker recipes (also behind ssh) run framework images; the others have nothing to pull. */
export function usesImages(recipe: Recipe): boolean {
	return dockerOf(recipe) !== null;
}

export type PullOutcome = {status: 'passed' | 'failed' | 'skipped'; detail: string; hint?: string};

/** `progress` gets "k/n layers done" as docker pull reports layers (pull-progress.ts). */
export async function ensureImage(
	context: Pick<RunBase, 'recipe' | 'executor'>,
	framework: FrameworkName,
	progress: (detail: string) => void = () => {},
): Promise<PullOutcome> {
	const docker = dockerOf(context.recipe.recipe);
	if (!docker) return {status: 'skipped', detail: 'not a docker recipe'};
	const image = docker.image(framework);
	if (!image) return {status: 'skipped', detail: 'no image configured'};
	const inspect = await context.executor.run([docker.docker, 'image', 'inspect', '--format', '{{.Id}}', image], {framework: null, timeoutMs: 60_000});
	if (inspect.code === 0) return {status: 'passed', detail: `${image} already present`};
	const limitS = context.recipe.recipe.pull_timeout_s ?? defaultPullTimeoutS;
	const started = Date.now();
	const onLayer = pullProgress(detail => progress(`pulling ${image}: ${detail}`));
	const pull = await context.executor.run([docker.docker, 'pull', image], {framework: null, timeoutMs: limitS * 1000, onLine: onLayer});
	const took = Math.round((Date.now() - started) / 1000);
	if (pull.code === 0) return {status: 'passed', detail: `${image} pulled in ${took} s`};
	const why = pull.timedOut ? `not pulled within pull_timeout_s ${limitS} s` : (pull.error ?? (pull.stderr.trim().split('\n').at(-1) || `exit ${pull.code}`));
	return {
		status: 'failed',
		detail: `docker pull ${image}: ${why}`,
		hint: pull.timedOut ? 'Pull the image beforehand, or raise pull_timeout_s in the recipe.' : 'Check the image name and registry access (docker login).',
	};
}
