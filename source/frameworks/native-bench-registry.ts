import type {NativeBenchAdapter} from './adapter.js';
import type {FrameworkName} from './framework-name.js';
import {sglangNativeBench} from './sglang/native-bench.js';
import {tensorrtLlmNativeBench} from './tensorrt-llm/native-bench.js';
import {vllmNativeBench} from './vllm/native-bench.js';

/** Each framework's own benchmark client: command rendering and result import. */
export const nativeBenchAdapters: Record<FrameworkName, NativeBenchAdapter> = {
	sglang: sglangNativeBench,
	vllm: vllmNativeBench,
	tensorrt_llm: tensorrtLlmNativeBench,
};
