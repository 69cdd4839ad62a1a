import {queryGpus} from './gpu-query.js';
import type {Executor} from '../executors/executor.js';
import type {RunContext} from './run-context.js';

/** `gpu-sampled` events from nvidia-smi for a placement's GPUs while its server runs; returns the stop function. */
export function startGpuPoller(context: Pick<RunContext, 'bus' | 'deps'>, executor: Executor, gpuIds: readonly number[]): () => void {
	let busy = false;
	let stopped = false;
	const sample = async () => {
		if (busy || stopped) return;
		busy = true;
		try {
			const snapshot = await queryGpus(executor, false);
			const wanted = new Set(gpuIds);
			const gpus = snapshot.gpus
				.filter(g => wanted.has(g.index))
				.map(({index, name, memoryUsedMiB, memoryTotalMiB, utilizationPct, powerW, temperatureC, smClockMHz}) => ({
					index,
					name,
					memoryUsedMiB,
					memoryTotalMiB,
					utilizationPct,
					powerW: powerW ?? null,
					temperatureC: temperatureC ?? null,
					smClockMHz: smClockMHz ?? null,
				}));
			if (!stopped && gpus.length > 0) context.bus.emit({type: 'gpu-sampled', gpus});
		} finally {
			busy = false;
		}
	};

	const timer = setInterval(() => void sample(), context.deps.gpuPollMs);
	return () => {
		stopped = true;
		clearInterval(timer);
	};
}
