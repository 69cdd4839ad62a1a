import type {RequestBodyStyle} from '../bench/request-body.js';
import type {FrameworkName} from './framework-name.js';
import {sglangRequestBody} from './sglang/request-body.js';
import {tensorrtLlmRequestBody} from './tensorrt-llm/request-body.js';
import {vllmRequestBody} from './vllm/request-body.js';

/** How each framework's server wants the load client's request body spelled. */
export const requestBodyStyles: Readonly<Record<FrameworkName, RequestBodyStyle>> = {
	sglang: sglangRequestBody,
	vllm: vllmRequestBody,
	tensorrt_llm: tensorrtLlmRequestBody,
};
