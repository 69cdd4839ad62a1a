/**
 * How TensorRT-LLM turns its settings into GPU memory (feasibility guard,
 * source/engine/adaptive/feasibility.ts): the weights first, then `kv_cache_free_gpu_memory_fraction`
 * (default 0.9) of what is still free goes to the KV cache.
 */
export const tensorrtLlmMemoryKnobs = {
	tpKeys: ['tp_size', 'tensor_parallel_size'],
	fractionKey: 'kv_cache_free_gpu_memory_fraction',
	defaultFraction: 0.9,
	mode: 'free',
	maxLenKey: 'max_seq_len',
	kvDtypeKey: 'kv_cache_dtype',
	quantizationKey: 'quantization',
} as const;
