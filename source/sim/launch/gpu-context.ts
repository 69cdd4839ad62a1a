import {listStates} from '../state.js';
import type {World} from '../world.js';

/**
 * GPU ids this process may use, the way CUDA reads CUDA_VISIBLE_DEVICES: unset = every GPU of the
 * world; set but empty = none (CUDA then finds no device); otherwise the listed ids up to the
 * first one that is not a present GPU (CUDA ignores everything after an invalid entry).
 */
export function visibleGpus(world: World, env: NodeJS.ProcessEnv): number[] {
	// In a container started without --gpus there is no device at all (set by the docker shim).
	if (env.LLM_BENCH_SIM_NO_GPU === '1') return [];
	const raw = env.CUDA_VISIBLE_DEVICES;
	if (raw === undefined) {
		return Array.from({length: world.gpu_count}, (_, index) => index);
	}

	const visible: number[] = [];
	for (const part of raw.split(',')) {
		const trimmed = part.trim();
		const id = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
		if (!(id < world.gpu_count) || visible.includes(id)) break;
		visible.push(id);
	}

	return visible;
}
/** MiB other processes hold on a GPU: the world's busy entries plus other running simulated servers. */
export function busyMib(world: World, stateDirectory: string, gpu: number, selfPid = process.pid): number {
	let used = 0;
	for (const busy of world.busy_gpus) {
		if (busy.index === gpu) {
			used += busy.used_memory_mib;
		}
	}

	for (const state of listStates(stateDirectory)) {
		if (state.pid !== selfPid && state.gpus.includes(gpu)) {
			used += state.memory_mib;
		}
	}

	return used;
}
