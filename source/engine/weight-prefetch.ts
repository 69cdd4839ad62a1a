import os from 'node:os';
import path from 'node:path';
import type {Recipe} from '../recipes/recipe-schema.js';
import type {RunBase} from './run-context.js';

/**
 * Fetching the model's weights (tens to hundreds of GB) is its own preflight step with its own limit
 * (docs/config.md), so it never eats a server's readiness budget: `hf download` through the recipe's
 * executor into the HF cache the servers read — first offline (`HF_HUB_OFFLINE=1`, "already
 * present"), else online under `prefetch_timeout_s` (default two hours), with tqdm's file count as
 * progress. A token crosses only by name (HF_TOKEN in pass_env); the CLI reads it from the environment.
 */
export const defaultPrefetchTimeoutS = 7200;

export type PrefetchOutcome = {status: 'passed' | 'warning' | 'failed'; detail: string; hint?: string};

/** Where `hf` runs so that it fills the cache the servers read, and with which extra environment. */
function placement(recipe: Recipe, firstFramework: string | null): {framework: string | null; env: string[]} {
	const inner = recipe.kind === 'ssh' ? recipe.remote : recipe;
	// docker-exec: inside the (first) framework's running container, whose cache its server reads.
	if (inner.kind === 'docker-exec') return {framework: firstFramework, env: []};
	// docker run: on the docker host, into the folder mounted as the containers' HF cache.
	if (inner.kind === 'docker' && inner.hf_cache && inner.hf_cache !== '~/.cache/huggingface') {
		const home = inner.hf_cache.startsWith('~/') && recipe.kind !== 'ssh' ? path.join(os.homedir(), inner.hf_cache.slice(2)) : inner.hf_cache;
		if (!home.startsWith('~')) return {framework: null, env: [`HF_HOME=${home}`]};
	}

	return {framework: null, env: []};
}

/** tqdm's "Fetching 5 files:  40%|████      | 2/5 [00:03<00:04, …]" → "2/5 files (40%)". */
const fetching = /Fetching (\d+) files:\s*(\d+)%.*?\|\s*(\d+)\/(\d+)/;

export async function prefetchWeights(
	context: Pick<RunBase, 'recipe' | 'executor' | 'plan'>,
	progress: (detail: string) => void = () => {},
): Promise<PrefetchOutcome> {
	const recipe = context.recipe.recipe;
	const model = context.plan.model.name;
	if (/^[./~]/.test(model)) return {status: 'passed', detail: `${model} is a local path: nothing to download`};
	if (recipe.prefetch_weights === false)
		return {status: 'passed', detail: 'prefetch_weights: false in the recipe; the servers fetch the weights within ready_timeout_s'};
	const {framework, env} = placement(recipe, context.plan.frameworks.find(f => f.enabled)?.name ?? null);
	const run = (extra: readonly string[], args: readonly string[], timeoutMs: number, onLine?: (line: string) => void) =>
		context.executor.run(['env', ...extra, ...env, 'hf', 'download', model, ...args], {framework, timeoutMs, ...(onLine ? {onLine} : {})});
	const offline = await run(['HF_HUB_OFFLINE=1'], ['--quiet'], 120_000);
	if (offline.code === 0) return {status: 'passed', detail: `${model} already present (${offline.stdout.trim().split('\n').at(-1) ?? 'HF cache'})`};
	if (offline.code === 127 || /ENOENT|No such file or directory|not found/i.test(`${offline.error ?? ''}${offline.stderr}`))
		return {
			status: 'warning',
			detail: '`hf` (huggingface_hub) is not installed where the servers run: each server downloads the weights itself, inside ready_timeout_s',
			hint: 'pip install -U huggingface_hub there, or download the model beforehand.',
		};
	const limitS = recipe.prefetch_timeout_s ?? defaultPrefetchTimeoutS;
	const started = Date.now();
	const download = await run([], [], limitS * 1000, line => {
		const match = fetching.exec(line);
		if (match) progress(`downloading ${model}: ${match[3]}/${match[4]} files (${match[2]}%)`);
	});
	const took = Math.round((Date.now() - started) / 1000);
	if (download.code === 0) return {status: 'passed', detail: `${model} downloaded in ${took} s`};
	if (download.timedOut)
		return {
			status: 'failed',
			detail: `hf download ${model}: not done within prefetch_timeout_s ${limitS} s`,
			hint: 'Download the model beforehand (hf download MODEL), or raise prefetch_timeout_s in the recipe.',
		};
	const why = download.error ?? (download.stderr.trim().split('\n').filter(Boolean).at(-1) || `exit ${download.code}`);
	return {
		status: 'failed',
		detail: `hf download ${model}: ${why}`,
		hint: /gated|401|403|restricted/i.test(download.stderr)
			? 'A gated model needs a token: export HF_TOKEN and list it by name in the recipe (pass_env: [HF_TOKEN]).'
			: 'Check the model name and the network from where the servers run.',
	};
}
