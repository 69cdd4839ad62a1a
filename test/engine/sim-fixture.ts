import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {formatIssue, loadPlan} from '../../source/config/load-plan.js';
import {newRunId} from '../../source/engine/artifacts.js';
import type {RunInputs} from '../../source/engine/session-types.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import type {LoadedRecipe} from '../../source/recipes/recipe-schema.js';

export const simBin = fileURLToPath(new URL('../../source/sim/bin/', import.meta.url));

/** A one-framework, one-scenario plan small enough for a test on a busy 2-core machine (p50 bounds: 6 requests can bound a median, never a p99). */
export function smallPlan(extra = ''): string {
	return `# canary in a comment: \${HF_TOKEN}
model:
  name: Qwen/Qwen3-8B
hardware:
  gpu_model: H100-80GB
  gpu_count: 1
dataset:
  kind: random
  num_prompts: 6
  scenario_names: [chat]
  input_len: [128]
  output_len: [32]
benchmark:
  endpoint: /v1/completions
  max_concurrency: [null]
  qps:
    lower: 1.0
    upper: 4.0
    tolerance: 0.5
    max_rounds: 2
sla:
  max_p50_ttft_ms: 5000
  max_p50_tpot_ms: 200
  min_success_rate: 0.9
search:
  max_candidates_per_framework: 2
frameworks:
  vllm:
    enabled: true
    base_server_flags:
      tensor_parallel_size: 1
      max_model_len: 4096
    search_space:
      max_num_seqs: [32]
${extra}`;
}

export function tempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), `llm-bench-${prefix}-`));
}

export function writePlan(dir: string, text: string, canary?: string): string {
	const file = path.join(dir, 'plan.yaml');
	// biome-ignore lint/suspicious/noTemplateCurlyInString: the plan text's own ${HF_TOKEN} placeholder
	fs.writeFileSync(file, canary ? text.replace('${HF_TOKEN}', canary) : text);
	return file;
}

/** What the command edge hands the engine, for a plan file and a recipe already in hand. */
export async function runInputs(planFile: string, recipe: LoadedRecipe, outputDir: string): Promise<RunInputs> {
	const {plan, issues} = await loadPlan(planFile);
	if (!plan) throw new Error(`test plan does not load:\n${issues.map(issue => formatIssue(issue)).join('\n')}`);
	return {plan, recipe, runDir: path.join(outputDir, newRunId()), resumed: false};
}

export function simRecipe(world: Record<string, unknown> = {}): LoadedRecipe {
	return parseRecipe(
		{kind: 'simulated', path_prepend: [simBin], world: {gpu_model: 'H100-80GB', gpu_count: 2, time_scale: 0.02, startup_wall_s: 0.3, seed: 1, ...world}},
		path.join(simBin, '..', 'recipe.yaml'),
	);
}

/** A recipe file on disk (for tests that drive the real bin). */
export function simRecipeFile(dir: string, world: Record<string, unknown> = {}): string {
	const file = path.join(dir, 'sim.yaml');
	fs.writeFileSync(
		file,
		JSON.stringify({
			kind: 'simulated',
			path_prepend: [simBin],
			world: {gpu_model: 'H100-80GB', gpu_count: 2, time_scale: 0.02, startup_wall_s: 0.3, seed: 1, ...world},
		}),
	);
	return file;
}

/** Pids of simulated servers that published state in this run directory. */
export function simServerPids(runDir: string): number[] {
	const dir = path.join(runDir, '.sim-state');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.map(name => /server-(\d+)\.json$/.exec(name)?.[1])
		.filter(Boolean)
		.map(Number);
}

export function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export function filesUnder(dir: string): string[] {
	return fs
		.readdirSync(dir, {withFileTypes: true, recursive: true})
		.filter(e => e.isFile())
		.map(e => path.join(e.parentPath ?? (e as unknown as {path: string}).path, e.name));
}
