import {queryGpus} from '../../engine/gpu-query.js';
import type {Executor} from '../../executors/executor.js';

export type DetectedGpu = {index: number; name: string; memoryUsedMiB: number; memoryTotalMiB: number; busy: boolean};

/**
 * GPUs as `nvidia-smi` reports them through the recipe's executor — on the ssh host, in the docker
 * image, or the simulated box's world — with busy ones (holding compute apps) marked. [] when
 * nvidia-smi is missing or fails there.
 */
export async function detectGpus(executor: Executor): Promise<DetectedGpu[]> {
	const snapshot = await queryGpus(executor).catch(() => null);
	if (!snapshot || snapshot.error) return [];
	const busyUuids = new Set(snapshot.apps.map(app => app.gpuUuid));
	return snapshot.gpus.map(gpu => ({
		index: gpu.index,
		name: gpu.name,
		memoryUsedMiB: gpu.memoryUsedMiB,
		memoryTotalMiB: gpu.memoryTotalMiB,
		busy: busyUuids.has(gpu.uuid),
	}));
}
