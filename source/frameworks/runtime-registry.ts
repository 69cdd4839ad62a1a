import type {RuntimeAdapter} from './adapter.js';
import type {FrameworkName} from './framework-name.js';
import {sglangRuntime} from './sglang/runtime.js';
import {vllmRuntime} from './vllm/runtime.js';
import {tensorrtLlmRuntime} from './tensorrt-llm/runtime.js';

/** How each framework's server behaves once launched (version, readiness, failure lines). */
export const runtimeAdapters: Readonly<Record<FrameworkName, RuntimeAdapter>> = {
	sglang: sglangRuntime,
	vllm: vllmRuntime,
	tensorrt_llm: tensorrtLlmRuntime,
};
