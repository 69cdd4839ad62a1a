import {listStates} from '../state.js';
import type {World} from '../world.js';

/** GPU ids this process may use: CUDA_VISIBLE_DEVICES, else every GPU of the world. */
export function visibleGpus(world: World, env: NodeJS.ProcessEnv): number[] {
	const raw = env.CUDA_VISIBLE_DEVICES;
	if (raw === undefined || raw.trim() === '') {
		return Array.from({length: world.gpu_count}, (_, index) => index);
	}

	return raw.split(',').map(part => Number(part.trim())).filter(id => Number.isInteger(id) && id >= 0 && id < world.gpu_count);
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
