import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadRunInputs} from '../source/commands/load-run-inputs.js';
import {readJsonl} from '../source/engine/artifacts.js';
import {startSession} from '../source/engine/start-session.js';
import type {ResultRow} from '../source/results/result-row.js';

/**
 * What stopping saturated rounds early saves (source/server-metrics/saturation.ts): each plan runs
 * twice on the simulated box, with the early stop and without, and the wall times are compared.
 * The demo's rounds are 32 prompts (arrivals of 2–11 server seconds), too short for a sustained
 * queue-growth window, so little or nothing saturates there; the larger plan's rounds
 * (300 prompts, arrivals of 12–75 server seconds, a ceiling three times the batch caps' capacity)
 * are the case the rule is for. Takes ~5 minutes on a 2-core machine.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

const largerPlan = `# bench/saturation.ts: larger rounds than the demo, a search ceiling far above capacity.
model: {name: Qwen/Qwen3-8B, tokenizer: Qwen/Qwen3-8B}
hardware: {gpu_model: NVIDIA H100 80GB HBM3, gpu_count: 1}
dataset: {kind: random, num_prompts: 300, seed: 1, scenario_names: [chat], input_len: [512], output_len: [128]}
benchmark:
  endpoint: /v1/chat/completions
  max_concurrency: [null]
  qps: {lower: 4.0, upper: 24.0, tolerance: 0.15, max_rounds: 5}
sla: {max_p99_ttft_ms: 300, max_p99_tpot_ms: 13, min_success_rate: 0.99}
search: {max_candidates_per_framework: 1}
frameworks:
  sglang:
    enabled: true
    base_server_flags: {mem_fraction_static: 0.85, context_length: 4096, max_running_requests: 16}
  vllm:
    enabled: true
    base_server_flags: {gpu_memory_utilization: 0.9, max_model_len: 4096, max_num_seqs: 16}
`;

async function timed(planFile: string, recipe: string, saturationStop: boolean) {
	const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-saturation-'));
	try {
		const start = performance.now();
		const session = startSession({...(await loadRunInputs({planFile, recipe, outputDir})), deps: {saturationStop}});
		const {runDir, exitCode} = await session.done;
		const wallS = (performance.now() - start) / 1000;
		const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
		const rounds = rows.flatMap(row => row.qps_rounds ?? []);
		return {
			exitCode,
			wallS,
			rounds: rounds.length,
			saturated: rounds.filter(round => round.saturated).length,
			steady: rows
				.filter(row => row.workload.load_mode === 'steady')
				.map(row => `${row.candidate_id}/${row.workload.scenario}@${String(row.workload.request_rate)}`)
				.sort(),
		};
	} finally {
		fs.rmSync(outputDir, {recursive: true, force: true});
	}
}

async function compare(name: string, planFile: string, recipe: string): Promise<Record<string, number | string>> {
	const off = await timed(planFile, recipe, false);
	const on = await timed(planFile, recipe, true);
	const saved = off.wallS - on.wallS;
	const figures = {
		[`${name}_wall_s_without_early_stop`]: Number(off.wallS.toFixed(1)),
		[`${name}_wall_s_with_early_stop`]: Number(on.wallS.toFixed(1)),
		[`${name}_saved_s`]: Number(saved.toFixed(1)),
		[`${name}_saved_pct`]: Number(((saved / off.wallS) * 100).toFixed(1)),
		[`${name}_rounds_saturated`]: `${on.saturated} of ${on.rounds}`,
		[`${name}_same_chosen_rates`]: String(JSON.stringify(off.steady) === JSON.stringify(on.steady)),
	};
	for (const [key, value] of Object.entries(figures)) console.log(`saturation ${key}: ${value}`);
	return figures;
}

export async function run(): Promise<Record<string, number | string>> {
	const recipe = path.join(root, 'recipes', 'simulated.yaml');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-saturation-plan-'));
	try {
		const larger = path.join(dir, 'larger.yaml');
		fs.writeFileSync(larger, largerPlan);
		return {...(await compare('demo', path.join(root, 'configs', 'demo', 'demo.yaml'), recipe)), ...(await compare('larger', larger, recipe))};
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
}
