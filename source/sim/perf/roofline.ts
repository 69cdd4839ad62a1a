import type {EngineConfig} from './engine-config.js';
import {kvBytesPerTokenPerGpu} from './memory.js';

/** What one engine step computes. */
export type StepWork = {
	/** Sequences producing one decode token this step. */
	readonly decodeSeqs: number;
	/** Sum of the context lengths of those sequences (KV they read). */
	readonly decodeContextTokens: number;
	/** Prompt tokens prefilled this step, over all chunks. */
	readonly prefillTokens: number;
	/** Σ chunk × (chunk start + chunk / 2): the attention work of the chunks (grows with n²). */
	readonly prefillAttentionWork: number;
	readonly prefillSeqs: number;
};

const memoryEfficiency = 0.8;
const computeEfficiency = 0.5;

/** Extra launch cost when a batch runs without CUDA graphs. */
const eagerOverheadS = 0.004;
const eagerPerSeqS = 0.000015;

/**
 * Roofline step time (docs/simulated-box.md): per-step overhead + max(bytes read /
 * bandwidth, FLOPs / peak) + the TP all-reduces. Memory-bound for small decode batches,
 * compute-bound for prefill.
 */
export function stepSeconds(config: EngineConfig, work: StepWork): number {
	const {model, gpu, tp} = config;
	const tokens = work.decodeSeqs + work.prefillTokens;
	if (tokens === 0) {
		return 0;
	}

	const totalBytes = (model.totalParamsB * 1e9 * config.bytesPerParam) / tp;
	const activeShare = model.activeParamsB / model.totalParamsB;
	// MoE: a batch touches more experts the more tokens it carries.
	const weightBytes = model.moe ? totalBytes * (1 - (1 - activeShare) ** Math.min(tokens, 512)) : totalBytes;
	const kvBytes = (work.decodeContextTokens + work.prefillTokens) * kvBytesPerTokenPerGpu(config);
	const memoryS = (weightBytes + kvBytes) / (gpu.bandwidth * memoryEfficiency);

	const linearFlops = (2 * model.activeParamsB * 1e9 * tokens) / tp;
	const attentionFlops = (4 * model.layers * model.hidden * (work.decodeContextTokens + work.prefillAttentionWork)) / tp;
	const computeS = (linearFlops + attentionFlops) / (gpu.flops * computeEfficiency);

	const commS = tp > 1 ? 2 * model.layers * (gpu.linkLatencyS * Math.log2(tp) + (tokens * model.hidden * 2 * (tp - 1)) / tp / gpu.linkBandwidth) : 0;

	const graphs = !config.eager && work.decodeSeqs <= config.cudaGraphMaxBs;
	const overheadS =
		config.stepOverheadS + (graphs ? 0 : eagerOverheadS + eagerPerSeqS * work.decodeSeqs) + (work.prefillSeqs > 0 ? 0.0005 + work.prefillSeqs * 0.0002 : 0);

	return overheadS + Math.max(memoryS, computeS) + commS;
}
