import type {EngineConfig} from './engine-config.js';

const gib = 1024 ** 3;
/** CUDA context, NCCL buffers and the allocator's slack: present before any weight is loaded. */
export const contextGiB = 0.6;

export type MemoryPlan =
	| {
			readonly ok: true;
			readonly weightsGiB: number;
			readonly activationGiB: number;
			readonly kvGiB: number;
			/** KV pool size in tokens (all TP ranks hold their slice of each token). */
			readonly kvTokens: number;
			/** What nvidia-smi shows this process holding on each of its GPUs. */
			readonly heldGiB: number;
			readonly totalGiB: number;
			readonly freeGiB: number;
	  }
	| {
			readonly ok: false;
			/** weights: weights do not fit; activation: buffers/graphs do not fit; kv: no room for the KV pool; free: requested more than is free. */
			readonly reason: 'weights' | 'activation' | 'kv' | 'free';
			readonly weightsGiB: number;
			readonly activationGiB: number;
			readonly totalGiB: number;
			readonly freeGiB: number;
			readonly requestedGiB: number;
			readonly tryAllocateGiB: number;
	  };

export function weightsPerGpuGiB(config: EngineConfig): number {
	return (config.model.totalParamsB * 1e9 * config.bytesPerParam) / config.tp / gib;
}

export function kvBytesPerTokenPerGpu(config: EngineConfig): number {
	return (config.model.kvBytesPerToken * (config.kvBytesPerElement / 2)) / config.tp;
}

/**
 * Activation buffers and captured graphs grow with the token budget and the batch cap: the reason a
 * too-high batch setting OOMs at startup.
 */
export function activationGiB(config: EngineConfig): number {
	const perToken = (config.model.hidden * 2 * 14) / config.tp;
	const graphSeqs = config.eager ? 0 : Math.min(config.maxRunning, config.cudaGraphMaxBs);
	const perSeq = 0.004 * Math.sqrt(config.model.activeParamsB / 8);
	return 0.4 + (config.tokenBudget * perToken) / gib + graphSeqs * perSeq;
}

/** KV capacity from the memory knob, GPU memory and the weights (docs/simulated-box.md). */
export function planMemory(config: EngineConfig): MemoryPlan {
	const totalGiB = config.gpu.memoryMib / 1024;
	const freeGiB = totalGiB - contextGiB - config.busyGiB;
	const weightsGiB = weightsPerGpuGiB(config);
	const actGiB = activationGiB(config);
	const fail = (reason: 'weights' | 'activation' | 'kv' | 'free', requestedGiB: number, tryAllocateGiB: number): MemoryPlan => ({
		ok: false,
		reason,
		weightsGiB,
		activationGiB: actGiB,
		totalGiB,
		freeGiB,
		requestedGiB,
		tryAllocateGiB,
	});

	if (weightsGiB > freeGiB) {
		return fail('weights', weightsGiB, Math.min(weightsGiB, 2 + (weightsGiB % 3)));
	}

	let kvGiB: number;
	let heldGiB: number;
	const {fraction} = config.memory;
	switch (config.memory.mode) {
		case 'static': {
			// SGLang: the pool is what the fraction leaves after weights; the rest must hold activations.
			const budget = totalGiB * fraction;
			kvGiB = budget - weightsGiB - config.busyGiB;
			if (kvGiB <= 0) {
				return fail('kv', budget, 0);
			}

			if (freeGiB - weightsGiB - kvGiB < actGiB) {
				return fail('activation', actGiB, actGiB - Math.max(0, freeGiB - weightsGiB - kvGiB));
			}

			heldGiB = weightsGiB + kvGiB + actGiB;
			break;
		}

		case 'utilization': {
			// vLLM: the startup check compares the requested share with what is free right now.
			const budget = totalGiB * fraction;
			if (budget > freeGiB) {
				return fail('free', budget, 0);
			}

			kvGiB = budget - weightsGiB - actGiB;
			if (kvGiB <= 0) {
				return fail('kv', budget, 0);
			}

			heldGiB = budget;
			break;
		}

		case 'free': {
			// TensorRT-LLM: the fraction of what is free after weights; the remainder holds runtime buffers.
			const afterWeights = freeGiB - weightsGiB;
			kvGiB = afterWeights * fraction;
			if (afterWeights - kvGiB < actGiB) {
				return fail('activation', actGiB, actGiB - (afterWeights - kvGiB));
			}

			heldGiB = weightsGiB + kvGiB + actGiB;
			break;
		}
	}

	const kvTokens = Math.floor((kvGiB * gib) / kvBytesPerTokenPerGpu(config));
	return {ok: true, weightsGiB, activationGiB: actGiB, kvGiB, kvTokens, heldGiB, totalGiB, freeGiB};
}
