import {queryGpus} from './gpu-query.js';
import type {RunContext} from './run-context.js';

/** `gpu-sampled` events from nvidia-smi while a server runs; returns the stop function. */
export function startGpuPoller(context: RunContext): () => void {
	let busy = false;
	let stopped = false;
	const sample = async () => {
		if (busy || stopped) return;
		busy = true;
		try {
			const snapshot = await queryGpus(context.executor, false);
			const wanted = new Set(context.gpuIds);
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
