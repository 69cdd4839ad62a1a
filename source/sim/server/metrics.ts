import type {BatcherStats} from '../perf/batcher.js';
import type {SimFramework} from '../perf/engine-config.js';
import type {PrefixCacheStats} from './prefix-cache.js';

export type MetricsInput = {
	readonly framework: SimFramework;
	readonly model: string;
	readonly stats: BatcherStats;
	readonly genThroughput: number;
	readonly heldBytes: number;
	readonly prefix: Pick<PrefixCacheStats, 'queriedTokens' | 'hitTokens'>;
};

function lines(entries: ReadonlyArray<[name: string, type: 'gauge' | 'counter', value: number]>, labels: string): string {
	let out = '';
	for (const [name, type, value] of entries) {
		const base = type === 'counter' ? name.replace(/_total$/, '') : name;
		out += `# HELP ${base} ${base.replace(/^[a-z]+:/, '').replaceAll('_', ' ')}\n# TYPE ${base} ${type}\n${name}{${labels}} ${value}\n`;
	}

	return out;
}

/** Prometheus text in each framework's naming (docs/frameworks.md). */
export function prometheusText(input: MetricsInput): string {
	const {stats, model, prefix} = input;
	const hitRate = prefix.queriedTokens > 0 ? prefix.hitTokens / prefix.queriedTokens : 0;
	const usage = stats.kvCapacityTokens > 0 ? stats.kvUsedTokens / stats.kvCapacityTokens : 0;
	switch (input.framework) {
		case 'vllm':
			return lines(
				[
					['vllm:num_requests_running', 'gauge', stats.running],
					['vllm:num_requests_waiting', 'gauge', stats.waiting],
					['vllm:kv_cache_usage_perc', 'gauge', usage],
					['vllm:prompt_tokens_total', 'counter', prefix.queriedTokens],
					['vllm:generation_tokens_total', 'counter', stats.generationTokens],
					['vllm:prefix_cache_queries_total', 'counter', prefix.queriedTokens],
					['vllm:prefix_cache_hits_total', 'counter', prefix.hitTokens],
					['vllm:num_preemptions_total', 'counter', stats.preemptions],
					['vllm:request_success_total', 'counter', stats.finished],
				],
				`engine="0",model_name="${model}"`,
			);
		case 'sglang':
			return lines(
				[
					['sglang:num_running_reqs', 'gauge', stats.running],
					['sglang:num_queue_reqs', 'gauge', stats.waiting],
					['sglang:num_used_tokens', 'gauge', stats.kvUsedTokens],
					['sglang:token_usage', 'gauge', usage],
					['sglang:gen_throughput', 'gauge', input.genThroughput],
					['sglang:cache_hit_rate', 'gauge', hitRate],
					['sglang:num_retracted_reqs', 'gauge', 0],
					['sglang:num_retracted_requests_total', 'counter', stats.preemptions],
					['sglang:prompt_tokens_total', 'counter', prefix.queriedTokens],
					['sglang:generation_tokens_total', 'counter', stats.generationTokens],
					['sglang:cached_tokens_total', 'counter', prefix.hitTokens],
					['sglang:num_requests_total', 'counter', stats.finished],
				],
				`model_name="${model}"`,
			);
		case 'tensorrt_llm':
			return lines(
				[
					['trtllm_num_requests_running', 'gauge', stats.running],
					['trtllm_num_requests_waiting', 'gauge', stats.waiting],
					['trtllm_kv_cache_utilization', 'gauge', usage],
					['trtllm_kv_cache_hit_rate', 'gauge', hitRate],
					['trtllm_prompt_tokens_total', 'counter', prefix.queriedTokens],
					['trtllm_generation_tokens_total', 'counter', stats.generationTokens],
					['trtllm_request_success_total', 'counter', stats.finished],
					['trtllm_gpu_memory_usage_bytes', 'gauge', input.heldBytes],
				],
				`model_name="${model}"`,
			);
	}
}

/** TensorRT-LLM `/metrics`: a JSON array of IterationStats, drained on read. */
export type IterationStats = Record<string, unknown>;

export function iterationStats(
	iter: number,
	latencyMs: number,
	stats: BatcherStats,
	heldBytes: number,
	prefix: Pick<PrefixCacheStats, 'queriedTokens' | 'hitTokens'>,
	tokensPerBlock = 32,
): IterationStats {
	// Block reuse counted in blocks, as TensorRT-LLM's KvCacheStats does (cumulative since start).
	const blocks = {reused: Math.floor(prefix.hitTokens / tokensPerBlock), missed: Math.ceil((prefix.queriedTokens - prefix.hitTokens) / tokensPerBlock)};
	const max = Math.floor(stats.kvCapacityTokens / tokensPerBlock);
	const used = Math.ceil(stats.kvUsedTokens / tokensPerBlock);
	return {
		timestamp: new Date().toISOString(),
		iter,
		iterLatencyMS: latencyMs,
		numActiveRequests: stats.running,
		numQueuedRequests: stats.waiting,
		numCompletedRequests: stats.finished,
		gpuMemUsage: heldBytes,
		kvCacheStats: {
			maxNumBlocks: max,
			freeNumBlocks: max - used,
			usedNumBlocks: used,
			tokensPerBlock,
			reusedBlocks: blocks.reused,
			missedBlocks: blocks.missed,
			cacheHitRate: blocks.reused + blocks.missed > 0 ? blocks.reused / (blocks.reused + blocks.missed) : 0,
		},
	};
}
