import type {RuntimeAdapter} from '../adapter.js';
import {commonFailurePatterns} from '../common-failure-patterns.js';

/** SGLang readiness: the ready line comes after warmup; /health answers 503 while warming. */
export const sglangRuntime: RuntimeAdapter = {
	name: 'sglang',
	versionCommand: ['python3', '-c', 'import sglang; print(sglang.__version__)'],
	readyLogPattern: /The server is fired up and ready to roll!/,
	healthPath: '/health',
	failurePatterns: [
		{pattern: /Initialization failed\. warmup error/, status: 'failed', kind: 'warmup failure', hint: 'The server loaded but its first request failed; check the attention backend for this GPU.'},
		{pattern: /RuntimeError: Not enough memory\. Please try to increase --mem-fraction-static/, status: 'oom', kind: 'OOM', hint: 'Raise --mem-fraction-static or lower --max-running-requests / --context-length.'},
		{pattern: /(fa3|FlashAttention v?3).*(not supported|only supported|requires)|(sm_?\d+|compute capability).*fa3/i, status: 'failed', kind: 'unsupported attention backend', hint: 'FA3 needs Hopper (sm90+); use flashinfer or triton on this GPU.'},
		...commonFailurePatterns,
	],
	extraLaunchFlags: {enable_metrics: true},
};
