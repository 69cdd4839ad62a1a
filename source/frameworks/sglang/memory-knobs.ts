/**
 * How SGLang turns its settings into GPU memory (feasibility guard, source/engine/adaptive/feasibility.ts):
 * `mem_fraction_static` is the share of each GPU's memory for weights plus the KV pool (default
 * ~0.85–0.88 by GPU size; the guard assumes the larger, so it never rejects what could start).
 */
export const sglangMemoryKnobs = {
	tpKeys: ['tp_size', 'tensor_parallel_size'],
	fractionKey: 'mem_fraction_static',
	defaultFraction: 0.88,
	mode: 'static',
	maxLenKey: 'context_length',
	kvDtypeKey: 'kv_cache_dtype',
	quantizationKey: 'quantization',
} as const;
