import type {RuntimeAdapter} from '../adapter.js';
import {commonFailurePatterns} from '../common-failure-patterns.js';
import {parseVersionOutput} from '../parse-version.js';

/** TensorRT-LLM readiness: uvicorn's startup line; /health 200 (503 after an executor error). */
export const tensorrtLlmRuntime: RuntimeAdapter = {
	versionCommand: ['python3', '-c', 'import tensorrt_llm; print(tensorrt_llm.__version__)'],
	parseVersion: parseVersionOutput,
	readyLogPattern: /Application startup complete|Uvicorn running on/,
	healthPath: '/health',
	failurePatterns: [
		// The executor (KV cache, or another component the message names) did not fit: 1.0 wording
		// (reference/real/logs/trtllm-executor-insufficient-memory.txt), then an OOM inside the init.
		{
			pattern: /Executor creation failed due to insufficient GPU memory|Failed to initialize executor.*(out of memory|insufficient)/i,
			status: 'oom',
			kind: 'OOM (executor)',
			hint: 'Lower --kv_cache_free_gpu_memory_fraction, --max_batch_size or --max_num_tokens.',
		},
		{
			pattern: /Failed to parse the arguments for the LLM constructor/,
			status: 'failed',
			kind: 'bad LLM API option',
			hint: 'A key or value in --extra_llm_api_options is wrong for this version.',
		},
		...commonFailurePatterns,
	],
};
