import type {RuntimeAdapter} from '../adapter.js';
import {commonFailurePatterns} from '../common-failure-patterns.js';

/** vLLM readiness: uvicorn's startup line; /health 200 once the engine core is up. */
export const vllmRuntime: RuntimeAdapter = {
	name: 'vllm',
	versionCommand: ['vllm', '--version'],
	readyLogPattern: /Application startup complete/,
	healthPath: '/health',
	failurePatterns: [
		{pattern: /Free memory on device .* is less than desired GPU memory utilization/, status: 'oom', kind: 'OOM', hint: 'Another process holds GPU memory, or --gpu-memory-utilization is too high.'},
		{pattern: /(max_num_partial_prefills|partial prefill).*(not supported|only supported|requires)/i, status: 'failed', kind: 'unsupported option', hint: 'Concurrent partial prefills are not supported here: keep --max-num-partial-prefills 1.'},
		{pattern: /(dbo|dual.batch.overlap|microbatching).*(all2all|requires|not supported)/i, status: 'failed', kind: 'unsupported option', hint: 'DBO needs a DeepEP all2all backend and expert parallelism; drop --enable-dbo.'},
		{pattern: /max_model_len.*(greater|larger|exceeds)|maximum model length/i, status: 'failed', kind: 'sequence limit', hint: 'Raise --max-model-len to cover input_len + output_len.'},
		...commonFailurePatterns,
	],
};
