import type {GpuSpec} from '../gpus.js';
import type {ModelSpec} from '../models.js';

export type SimFramework = 'sglang' | 'vllm' | 'tensorrt_llm';

/**
 * Everything the performance model needs about one launched server, already resolved from the
 * framework's flags and defaults (see framework-defaults.ts). Pure data: the model never reads argv.
 */
export type EngineConfig = {
	readonly framework: SimFramework;
	readonly model: ModelSpec;
	readonly gpu: GpuSpec;
	readonly tp: number;
	/** 2 for bf16 weights, 1 for fp8. */
	readonly bytesPerParam: number;
	/** 2 for bf16 KV, 1 for fp8 KV. */
	readonly kvBytesPerElement: number;
	/**
	 * How the framework turns its memory knob into a KV pool:
	 * - static: fraction of total memory for weights + KV (SGLang mem_fraction_static)
	 * - utilization: fraction of total memory for everything the engine allocates (vLLM)
	 * - free: fraction of the memory still free after weights and buffers (TensorRT-LLM)
	 */
	readonly memory: {readonly mode: 'static' | 'utilization' | 'free'; readonly fraction: number};
	/** Running-batch cap: max_num_seqs, max_running_requests, max_batch_size. */
	readonly maxRunning: number;
	/** Tokens one step may process: max_num_batched_tokens, chunked_prefill_size, max_num_tokens. */
	readonly tokenBudget: number;
	readonly chunkedPrefill: boolean;
	/**
	 * mixed: decodes and prefill chunks share a step (vLLM, TensorRT-LLM).
	 * prefill-first: a step is either a prefill batch or a decode batch, prefill wins (SGLang).
	 */
	readonly batching: 'mixed' | 'prefill-first';
	/**
	 * on-demand: KV grows as tokens are computed, preempt when it runs out (vLLM, SGLang retract).
	 * guaranteed: prompt + max_tokens reserved at admission, never evicted (TRT-LLM GUARANTEED_NO_EVICT).
	 */
	readonly kvPolicy: 'on-demand' | 'guaranteed';
	/** The sequence limit: context_length, max_model_len, max_seq_len. */
	readonly maxContext: number;
	/** Scheduler + launch cost per step with CUDA graphs (seconds). */
	readonly stepOverheadS: number;
	/** Batches above this size run without CUDA graphs. */
	readonly cudaGraphMaxBs: number;
	readonly eager: boolean;
	/** GiB already used on the busiest visible GPU by other processes. */
	readonly busyGiB: number;
	/** Deterministic run-to-run variation of the per-step overhead. */
	readonly seed: number;
};
