import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {appsQueryArgv, gpuQueryArgv, parseAppsCsv, parseGpuCsv} from '../../engine/gpu-query.js';

export type DetectedGpu = {index: number; name: string; memoryUsedMiB: number; memoryTotalMiB: number; busy: boolean};

const run = promisify(execFile);

/** GPUs from nvidia-smi, busy ones (with compute apps) marked; [] when there is no nvidia-smi. */
export async function detectGpus(): Promise<DetectedGpu[]> {
	try {
		const [gpus, apps] = await Promise.all([
			run(gpuQueryArgv[0]!, gpuQueryArgv.slice(1), {timeout: 5000}),
			run(appsQueryArgv[0]!, appsQueryArgv.slice(1), {timeout: 5000}).catch(() => ({stdout: ''})),
		]);
		const busyUuids = new Set(parseAppsCsv(apps.stdout).map(app => app.gpuUuid));
		return parseGpuCsv(gpus.stdout).map(gpu => ({index: gpu.index, name: gpu.name, memoryUsedMiB: gpu.memoryUsedMiB, memoryTotalMiB: gpu.memoryTotalMiB, busy: busyUuids.has(gpu.uuid)}));
	} catch {
		return [];
	}
}
