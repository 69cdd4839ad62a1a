import type {FrameworkAdapter} from '../adapter.js';
import {tensorrtLlmMemoryKnobs} from './memory-knobs.js';
import {backendPolicyViolation, checkBackendPolicy, fixedPytorch} from './backend-policy.js';
import {tensorrtLlmCli} from './cli.js';
import {tensorrtLlmContainer} from './container.js';
import {tensorrtLlmHelp} from './help.js';
import {tensorrtLlmNativeBench} from './native-bench.js';
import {tensorrtLlmRequestBody} from './request-body.js';
import {tensorrtLlmRuntime} from './runtime.js';
import {tensorrtLlmMetrics} from './metrics.js';

export const tensorrtLlmAdapter: FrameworkAdapter = {
	memoryKnobs: tensorrtLlmMemoryKnobs,
	name: 'tensorrt_llm',
	label: 'TensorRT-LLM',
	aliases: ['trtllm'],
	chartLetter: 't',
	colour: '#2b8a3e',
	cli: tensorrtLlmCli,
	help: tensorrtLlmHelp,
	metrics: tensorrtLlmMetrics,
	runtime: tensorrtLlmRuntime,
	nativeBench: tensorrtLlmNativeBench,
	requestBody: tensorrtLlmRequestBody,
	config: {
		sequenceLimitKeys: ['max_seq_len'],
		unsetSequenceLimit: 'must-set',
		defaultBackendPolicy: fixedPytorch,
		checkSection: checkBackendPolicy,
		candidateViolation: backendPolicyViolation,
	},
	container: tensorrtLlmContainer,
};
