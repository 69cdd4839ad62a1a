import {tmpdir} from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import {gpuSpecFor, type GpuSpec} from './gpus.js';

/**
 * The described world of the simulated box: what `recipes/simulated.yaml` puts under `world:` and the
 * run engine hands to every shim as JSON in LLM_BENCH_SIM_WORLD. Missing keys get the defaults below.
 */
export const BusyGpuSchema = v.object({
	index: v.pipe(v.number(), v.integer(), v.minValue(0)),
	pid: v.optional(v.pipe(v.number(), v.integer()), 4242),
	process: v.optional(v.string(), 'python'),
	used_memory_mib: v.pipe(v.number(), v.minValue(0)),
	/** Utilisation it causes (default 100). */
	utilization: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100)), 100),
	/** Not in the process list: a process of another PID namespace, as seen from inside a container. */
	hidden: v.optional(v.boolean(), false),
});

/** YAML reads `vllm: 0.10` as a number; keep what was written as a version string. */
const Version = v.union([v.string(), v.pipe(v.number(), v.transform(String))]);

export const WorldSchema = v.object({
	gpu_model: v.optional(v.string(), 'H100-80GB'),
	gpu_count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64)), 8),
	busy_gpus: v.optional(v.array(BusyGpuSchema), []),
	/** Simulated GB/s at which servers read their checkpoint (weights GiB / rate = load seconds); null = no load time. */
	weight_load_gbps: v.optional(v.nullable(v.pipe(v.number(), v.minValue(0.001))), null),
	/**
	 * CUDA-graph capture, torch.compile (vLLM) and warm-up in simulated seconds on every start
	 * (launch/startup-costs.ts); off by default so demos stay quick.
	 */
	startup_costs: v.optional(v.boolean(), false),
	/** Images `docker image inspect` does not find until `docker pull` fetched them. */
	absent_images: v.optional(v.array(v.string()), []),
	/** Models `hf download` finds only after downloading them (the simulated HF cache, cli/hf-main.ts). */
	absent_models: v.optional(v.array(v.string()), []),
	/** Models whose download needs HF_TOKEN. */
	gated_models: v.optional(v.array(v.string()), []),
	/** Simulated GB/s of a weight download (checkpoint GB / rate = seconds). */
	download_gbps: v.optional(v.pipe(v.number(), v.minValue(0.001)), 1),
	/** Simulated seconds a `docker pull` of an absent image takes (its layers complete one by one). */
	image_pull_s: v.optional(v.pipe(v.number(), v.minValue(0)), 0),
	/** GPUs in MIG mode: nvidia-smi reports `mig.mode.current` Enabled and utilisation `[N/A]`. */
	mig_gpus: v.optional(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), []),
	versions: v.optional(
		v.object({
			sglang: v.optional(Version, '0.5.23'),
			vllm: v.optional(Version, '0.33.0'),
			tensorrt_llm: v.optional(Version, '1.2.1'),
		}),
		{},
	),
	/** Wall seconds per simulated second. */
	time_scale: v.optional(v.pipe(v.number(), v.minValue(0.001), v.maxValue(100)), 0.25),
	seed: v.optional(v.number(), 1),
	/** Wall seconds a server spends "starting" (weights, graphs, warmup); capped so demos stay quick. */
	startup_wall_s: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(60)), 1),
	/** Wall seconds a server takes to exit after SIGTERM (a server slow to die; tests the runner's SIGKILL escalation). */
	shutdown_wall_s: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(600)), 0),
	driver_version: v.optional(v.string(), '570.133.20'),
	cuda_version: v.optional(v.string(), '12.8'),
});

export type World = v.InferOutput<typeof WorldSchema>;
export type BusyGpu = v.InferOutput<typeof BusyGpuSchema>;

export const worldEnv = 'LLM_BENCH_SIM_WORLD';
export const stateEnv = 'LLM_BENCH_SIM_STATE';

export function parseWorld(json: string | undefined): World {
	if (!json || json.trim() === '') {
		return v.parse(WorldSchema, {});
	}

	let raw: unknown;
	try {
		raw = JSON.parse(json);
	} catch (error) {
		throw new Error(`${worldEnv} is not valid JSON: ${(error as Error).message}`);
	}

	const result = v.safeParse(WorldSchema, raw ?? {});
	if (!result.success) {
		const where = result.issues.map(issue => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('; ');
		throw new Error(`${worldEnv} does not describe a valid world: ${where}`);
	}

	if (!gpuSpecFor(result.output.gpu_model)) {
		throw new Error(`${worldEnv}: unknown gpu_model '${result.output.gpu_model}'`);
	}

	return result.output;
}

export function loadWorld(env: NodeJS.ProcessEnv = process.env): World {
	return parseWorld(env[worldEnv]);
}

export function worldGpu(world: World): GpuSpec {
	return gpuSpecFor(world.gpu_model)!;
}

/**
 * Where running simulated servers register themselves so `nvidia-smi` can see them. Inside a Slurm
 * step (SLURMD_NODENAME set) each node is its own box: emulated nodes share this host, and node1's
 * GPU 0 must not look busy because node2's GPU 0 serves (recipes/slurm-simulated.yaml).
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
	const base = env[stateEnv] && env[stateEnv] !== '' ? env[stateEnv] : path.join(tmpdir(), 'llm-bench-sim-state');
	const node = env.SLURMD_NODENAME;
	return node && /^[\w.-]+$/.test(node) ? path.join(base, `node-${node}`) : base;
}
