import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {seededRandom} from '../source/bench/arrivals.js';
import {startSession} from '../source/engine/start-session.js';
import type {Executor} from '../source/executors/executor.js';
import type {ResultRow} from '../source/results/result-row.js';
import {fakeBox} from '../test/helpers/fake-box.js';
import {runInputs, simRecipe, writePlan} from '../test/engine/sim-fixture.js';

/**
 * Issue 16's evaluation: ≥ 20 random simulated worlds (GPU model, model size, scenario lengths,
 * SLA, knob effects through the search space, disk rate), each run with `search.strategy:
 * exhaustive` and `adaptive` by the real engine, search and report, on the fake box
 * (test/helpers/fake-box.ts: the simulated box's launch plan and latency model, virtual time), so
 * 2 × N runs take minutes, not hours. Figures: how often adaptive names the exhaustive winner (or
 * one tied with it), per world (all its scenarios) with a 95 % Wilson interval; adaptive's
 * GPU-seconds as a fraction of exhaustive's (all worlds pooled, and the per-world median and
 * range). Worlds where adaptive answered differently are printed with why. `ADAPTIVE_WORLDS=N`
 * and `ADAPTIVE_SEED=S` change the draw (defaults 20 and 16).
 */

type Summary = {winners: Array<{scenario: string; candidate_id: string; tied_with: string[]}>; cost: {gpu_seconds: number; servers_launched: number}};
type World = {name: string; plan: string; world: Record<string, unknown>};

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const subset = <T>(random: () => number, items: readonly T[], min: number): T[] => {
	const chosen = items.filter(() => random() < 0.6);
	return chosen.length >= min ? chosen : items.slice(0, min);
};

function drawWorld(random: () => number, index: number): World {
	const gpu = pick(random, ['H100-80GB', 'H200', 'A100-80GB', 'A100-40GB', 'L40S'] as const);
	const model = pick(random, ['Qwen/Qwen3-0.6B', 'Qwen/Qwen3-8B', 'Qwen/Qwen3-8B', 'Qwen/Qwen3-14B', 'Qwen/Qwen3-32B'] as const);
	const scenarios = 1 + Math.floor(random() * 2);
	const inputs = Array.from({length: scenarios}, () => pick(random, [128, 512, 1024, 2048, 4096]));
	const outputs = Array.from({length: scenarios}, () => pick(random, [64, 128, 256, 512]));
	const ttft = pick(random, [300, 600, 1000, 2000, 4000]);
	const tpot = pick(random, [25, 40, 60, 100]);
	const framework = random() < 0.7 ? 'vllm' : 'sglang';
	const tp2 = random() < 0.4;
	const lengthKey = framework === 'vllm' ? 'max_model_len' : 'context_length';
	const space =
		framework === 'vllm'
			? {
					max_num_seqs: subset(random, [4, 16, 64, 256], 2),
					max_num_batched_tokens: subset(random, [2048, 8192, 16384], 1),
					gpu_memory_utilization: subset(random, [0.9, 0.6, 0.3], 1),
					...(tp2 ? {tensor_parallel_size: [1, 2]} : {}),
				}
			: {
					max_running_requests: subset(random, [4, 16, 64, 256], 2),
					chunked_prefill_size: subset(random, [2048, 8192], 1),
					mem_fraction_static: subset(random, [0.88, 0.6, 0.3], 1),
					...(tp2 ? {tp_size: [1, 2]} : {}),
				};
	const yaml = (value: unknown) => JSON.stringify(value);
	// The baseline's batch cap is drawn too, so the best is not always the baseline.
	const baseSeqs = pick(random, [8, 32, 128]);
	const plan = `model:
  name: ${model}
hardware:
  gpu_model: ${gpu}
  gpu_count: ${tp2 ? 2 : 1}
dataset:
  kind: random
  num_prompts: 64
  seed: ${index}
  scenario_names: ${yaml(inputs.map((_, i) => `s${i}`))}
  input_len: ${yaml(inputs)}
  output_len: ${yaml(outputs)}
benchmark:
  endpoint: /v1/completions
  max_concurrency: [null]
  qps:
    lower: 0.25
    upper: 64
    tolerance: 0.1
    max_rounds: 5
sla:
  max_p90_ttft_ms: ${ttft}
  max_p90_tpot_ms: ${tpot}
  min_success_rate: 0.9
search:
  strategy: STRATEGY
  max_candidates_per_framework: 8
frameworks:
  ${framework}:
    enabled: true
    base_server_flags:
      ${lengthKey}: 8192
      ${framework === 'vllm' ? 'max_num_seqs' : 'max_running_requests'}: ${baseSeqs}
    search_space:
${Object.entries(space)
	.map(([key, values]) => `      ${key}: ${yaml(values)}`)
	.join('\n')}
`;
	const world = {gpu_model: gpu, gpu_count: tp2 ? 2 : 1, weight_load_gbps: pick(random, [1, 2, 4]), startup_costs: true, seed: index + 1};
	return {
		name: `w${String(index).padStart(2, '0')} ${gpu} ${model.split('/')[1]} ${framework}${tp2 ? ' tp≤2' : ''} in/out ${inputs.map((n, i) => `${n}/${outputs[i]}`).join(',')} p90 ttft≤${ttft} tpot≤${tpot}`,
		plan,
		world,
	};
}

/** Commands answer the same for the same world: ask the simulated box once per GPU model. */
function memoized(executor: Executor, cache: Map<string, Promise<Awaited<ReturnType<Executor['run']>>>>, key: string): Executor {
	return {
		...executor,
		run: (argv, options) => {
			const id = `${key}|${options.framework ?? ''}|${argv.join(' ')}`;
			if (!cache.has(id)) cache.set(id, executor.run(argv, options));
			return cache.get(id)!;
		},
	};
}

async function runOnce(world: World, strategy: 'exhaustive' | 'adaptive', dir: string, cache: Map<string, Promise<Awaited<ReturnType<Executor['run']>>>>) {
	const recipe = simRecipe(world.world);
	const planDir = path.join(dir, strategy);
	fs.mkdirSync(planDir, {recursive: true});
	const inputs = await runInputs(writePlan(planDir, world.plan.replace('STRATEGY', strategy)), recipe, path.join(planDir, 'runs'));
	const box = fakeBox(recipe, process.env, path.join(planDir, 'state'));
	const executor = memoized(box.executor, cache, JSON.stringify(world.world));
	const session = startSession({...inputs, executor, deps: {env: process.env, ...box.deps}});
	const {runDir} = await session.done;
	const summary = JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8')) as Summary;
	const rows = fs
		.readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
		.split('\n')
		.filter(Boolean)
		.map(line => JSON.parse(line) as ResultRow);
	return {summary, rows};
}

/** 95 % Wilson interval of a proportion. */
function wilson(successes: number, n: number): [number, number] {
	const z = 1.96;
	const p = successes / n;
	const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
	const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
	return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export async function run(): Promise<Record<string, number | string>> {
	const count = Number(process.env.ADAPTIVE_WORLDS ?? 20);
	const random = seededRandom(Number(process.env.ADAPTIVE_SEED ?? 16));
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-adaptive-'));
	const cache = new Map<string, Promise<Awaited<ReturnType<Executor['run']>>>>();
	const started = performance.now();
	let same = 0;
	let withWinner = 0;
	let exhaustiveGpu = 0;
	let adaptiveGpu = 0;
	let exhaustiveLaunches = 0;
	let adaptiveLaunches = 0;
	let pruned = 0;
	let infeasible = 0;
	const ratios: number[] = [];
	const wrong: string[] = [];
	try {
		for (let index = 0; index < count; index++) {
			const world = drawWorld(random, index);
			const worldDir = path.join(dir, `w${index}`);
			const exhaustive = await runOnce(world, 'exhaustive', worldDir, cache);
			const adaptive = await runOnce(world, 'adaptive', worldDir, cache);
			const scenarios = [...new Set(exhaustive.rows.map(row => row.workload.scenario))];
			const differences = scenarios.flatMap(scenario => {
				const e = exhaustive.summary.winners.find(w => w.scenario === scenario);
				const a = adaptive.summary.winners.find(w => w.scenario === scenario);
				if (!e && !a) return [];
				if (e && a && (a.candidate_id === e.candidate_id || e.tied_with.includes(a.candidate_id))) return [];
				const why = e
					? (adaptive.rows.find(row => row.candidate_id === e.candidate_id && row.workload.scenario === scenario && row.workload.load_mode === 'steady')
							?.failure_reason ?? 'measured in full, not chosen')
					: 'exhaustive found no SLA-passing candidate';
				return [
					`${scenario}: exhaustive ${e?.candidate_id ?? 'none'}${e?.tied_with.length ? ` (tied ${e.tied_with.join(', ')})` : ''}, adaptive ${a?.candidate_id ?? 'none'}; exhaustive's winner in adaptive: ${why}`,
				];
			});
			if (exhaustive.summary.winners.length > 0) withWinner++;
			if (differences.length === 0) same++;
			else wrong.push(`${world.name}: ${differences.join(' | ')}`);
			exhaustiveGpu += exhaustive.summary.cost.gpu_seconds;
			adaptiveGpu += adaptive.summary.cost.gpu_seconds;
			exhaustiveLaunches += exhaustive.summary.cost.servers_launched;
			adaptiveLaunches += adaptive.summary.cost.servers_launched;
			pruned += new Set(adaptive.rows.filter(row => row.cause?.kind === 'pruned').map(row => row.candidate_id)).size;
			infeasible += new Set(adaptive.rows.filter(row => row.cause?.kind === 'infeasible').map(row => row.candidate_id)).size;
			const ratio = adaptive.summary.cost.gpu_seconds / Math.max(1e-9, exhaustive.summary.cost.gpu_seconds);
			ratios.push(ratio);
			console.log(
				`  ${differences.length === 0 ? 'same' : 'DIFF'} ${world.name}: GPU-s ${adaptive.summary.cost.gpu_seconds.toFixed(0)}/${exhaustive.summary.cost.gpu_seconds.toFixed(0)} = ${ratio.toFixed(2)}, launches ${adaptive.summary.cost.servers_launched}/${exhaustive.summary.cost.servers_launched}, winners ${exhaustive.summary.winners.map(w => w.candidate_id).join(',') || 'none'}`,
			);
		}
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}

	for (const line of wrong) console.log(`  wrong: ${line}`);
	const sorted = [...ratios].sort((a, b) => a - b);
	const [low, high] = wilson(same, count);
	return {
		worlds: count,
		worlds_with_a_winner: withWinner,
		same_answer: `${same}/${count} = ${((100 * same) / count).toFixed(0)} % (95 % Wilson ${(100 * low).toFixed(0)}–${(100 * high).toFixed(0)} %)`,
		gpu_seconds_ratio_pooled: Number((adaptiveGpu / exhaustiveGpu).toFixed(3)),
		gpu_seconds_ratio_median: Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(3)),
		gpu_seconds_ratio_range: `${sorted[0]!.toFixed(2)}–${sorted.at(-1)!.toFixed(2)}`,
		gpu_seconds_exhaustive: Math.round(exhaustiveGpu),
		gpu_seconds_adaptive: Math.round(adaptiveGpu),
		launches_exhaustive: exhaustiveLaunches,
		launches_adaptive: adaptiveLaunches,
		candidates_pruned: pruned,
		candidates_infeasible: infeasible,
		wall_s: Number(((performance.now() - started) / 1000).toFixed(1)),
	};
}
