import type {RuntimeAdapter} from '../adapter.js';
import {commonFailurePatterns} from '../common-failure-patterns.js';
import {parseVersionOutput} from '../parse-version.js';

/** vLLM readiness: uvicorn's startup line; /health 200 once the engine core is up. */
export const vllmRuntime: RuntimeAdapter = {
	versionCommand: ['vllm', '--version'],
	parseVersion: parseVersionOutput,
	readyLogPattern: /Application startup complete/,
	healthPath: '/health',
	failurePatterns: [
		// The KV cache for one max_model_len request does not fit what is left after weights and
		// activations (V1 wording, then V0's). A memory problem with two fixes; raising max_model_len,
		// the sequence-limit fix, would make it worse.
		{
			pattern:
				/KV cache is needed, which is larger than the available KV cache memory|max seq len \(\d+\) is larger than the maximum number of tokens that can be stored in KV cache/,
			status: 'oom',
			kind: 'OOM (KV cache too small for max_model_len)',
			hint: 'Lower --max-model-len (the log names the largest that fits) or raise --gpu-memory-utilization.',
		},
		{
			pattern: /No available memory for the cache blocks/,
			status: 'oom',
			kind: 'OOM (no KV cache memory)',
			hint: 'Raise --gpu-memory-utilization, or lower --max-num-seqs / --max-num-batched-tokens (activation memory).',
		},
		{
			pattern: /Free memory on device .* is less than desired GPU memory utilization/,
			status: 'oom',
			kind: 'OOM',
			hint: 'Another process holds GPU memory, or --gpu-memory-utilization is too high.',
		},
		{
			pattern: /(max_num_partial_prefills|partial prefill).*(not supported|only supported|requires)/i,
			status: 'failed',
			kind: 'unsupported option',
			hint: 'Concurrent partial prefills are not supported here: keep --max-num-partial-prefills 1.',
		},
		{
			pattern: /(dbo|dual.batch.overlap|microbatching).*(all2all|requires|not supported)/i,
			status: 'failed',
			kind: 'incompatible flags (DBO needs a DeepEP all2all backend)',
			hint: 'vLLM supports DBO only with --all2all-backend deepep_low_latency or deepep_high_throughput (and expert parallelism): set one, or drop --enable-dbo.',
		},
		// --max-model-len above what the model's config allows (max_position_embeddings).
		{
			pattern: /User-specified max_model_len \(\d+\) is greater than the derived max_model_len/,
			status: 'failed',
			kind: 'sequence limit',
			hint: "Lower --max-model-len to the model's maximum (the log names it), or set VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 knowingly.",
		},
		...commonFailurePatterns,
	],
};
