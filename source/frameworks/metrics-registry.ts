import type {MetricsAdapter} from '../server-metrics/types.js';
import type {FrameworkName} from './framework-name.js';
import {sglangMetrics} from './sglang/metrics.js';
import {tensorrtLlmMetrics} from './tensorrt-llm/metrics.js';
import {vllmMetrics} from './vllm/metrics.js';

/** Each framework's own metrics endpoint and how to read it. */
export const metricsAdapters: Readonly<Record<FrameworkName, MetricsAdapter>> = {
	sglang: sglangMetrics,
	vllm: vllmMetrics,
	tensorrt_llm: tensorrtLlmMetrics,
};
