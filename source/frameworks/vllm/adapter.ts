import type {FrameworkAdapter} from '../adapter.js';
import {vllmMemoryKnobs} from './memory-knobs.js';
import {vllmCli} from './cli.js';
import {vllmContainer} from './container.js';
import {vllmHelp} from './help.js';
import {vllmNativeBench} from './native-bench.js';
import {vllmRequestBody} from './request-body.js';
import {vllmRuntime} from './runtime.js';
import {vllmMetrics} from './metrics.js';

export const vllmAdapter: FrameworkAdapter = {
	memoryKnobs: vllmMemoryKnobs,
	name: 'vllm',
	label: 'vLLM',
	aliases: [],
	chartLetter: 'v',
	colour: '#1c7ed6',
	cli: vllmCli,
	help: vllmHelp,
	metrics: vllmMetrics,
	runtime: vllmRuntime,
	nativeBench: vllmNativeBench,
	requestBody: vllmRequestBody,
	scratchFlags: {tensor_parallel_size: 1, max_model_len: 4096},
	container: vllmContainer,
	config: {sequenceLimitKeys: ['max_model_len'], unsetSequenceLimit: 'must-set'},
};
