/**
 * How vLLM turns its settings into GPU memory (for the adaptive search's feasibility guard,
 * source/engine/adaptive/feasibility.ts): `gpu_memory_utilization` (default 0.9) is the share of each GPU's
 * memory the engine may allocate in all — weights, activations and the KV cache.
 */
export const vllmMemoryKnobs = {
	tpKeys: ['tensor_parallel_size', 'tp'],
	fractionKey: 'gpu_memory_utilization',
	defaultFraction: 0.9,
	mode: 'utilization',
	maxLenKey: 'max_model_len',
	kvDtypeKey: 'kv_cache_dtype',
	quantizationKey: 'quantization',
} as const;
