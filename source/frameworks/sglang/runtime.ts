import type {RuntimeAdapter} from '../adapter.js';
import {commonFailurePatterns} from '../common-failure-patterns.js';
import {parseVersionOutput} from '../parse-version.js';

/** SGLang readiness: the ready line comes after warmup; /health answers 503 while warming. */
export const sglangRuntime: RuntimeAdapter = {
	versionCommand: ['python3', '-c', 'import sglang; print(sglang.__version__)'],
	parseVersion: parseVersionOutput,
	readyLogPattern: /The server is fired up and ready to roll!/,
	healthPath: '/health',
	failurePatterns: [
		// Attention-backend failures first: a warm-up failure caused by one names the backend.
		{
			pattern: /(fa3|FlashAttention v?3).*(not supported|only supported|requires)|(sm_?\d+|compute capability).*fa3/i,
			status: 'failed',
			kind: 'unsupported attention backend',
			hint: 'FA3 needs Hopper (sm90+); use flashinfer or triton on this GPU.',
		},
		{
			pattern: /^(?:[\w.]+\.)?[A-Z]\w*(?:Error|Exception):.*(attention[_ ]backend|flashinfer|flash_attn|FlashAttention)/i,
			status: 'failed',
			kind: 'attention backend error',
			hint: 'The attention backend failed on this GPU/model: try another --attention-backend (flashinfer, triton, fa3 on Hopper).',
		},
		// The memory pool got no room for the KV cache: give SGLang a larger static share.
		{
			pattern: /Not enough memory\. Please try to increase --mem-fraction-static/,
			status: 'oom',
			kind: 'OOM (memory pool)',
			hint: 'Raise --mem-fraction-static, or lower --context-length / --max-running-requests.',
		},
		// CUDA-graph capture ran out of the memory left after the static share: the opposite fix.
		{
			pattern: /Capture cuda graph failed.*out of memory/i,
			status: 'oom',
			kind: 'OOM (CUDA graph capture)',
			hint: 'Lower --mem-fraction-static (leave room for graphs) or --cuda-graph-max-bs, or pass --disable-cuda-graph.',
		},
		{
			pattern: /Initialization failed\. warmup error/,
			status: 'failed',
			kind: 'warmup failure',
			hint: 'The server loaded but its warm-up request failed; the traceback above it in server.log says why.',
		},
		...commonFailurePatterns,
	],
	extraLaunchFlags: {enable_metrics: true},
};
