import * as v from 'valibot';

/** Canonical framework keys. YAML also accepts `trtllm` as an alias of `tensorrt_llm`. */
export const frameworkNames = ['sglang', 'vllm', 'tensorrt_llm'] as const;
export const FrameworkNameSchema = v.picklist(frameworkNames);
export type FrameworkName = v.InferOutput<typeof FrameworkNameSchema>;

export const frameworkAliases: Readonly<Record<string, FrameworkName>> = {
	sglang: 'sglang',
	vllm: 'vllm',
	tensorrt_llm: 'tensorrt_llm',
	trtllm: 'tensorrt_llm',
};

export const frameworkLabels: Readonly<Record<FrameworkName, string>> = {
	sglang: 'SGLang',
	vllm: 'vLLM',
	tensorrt_llm: 'TensorRT-LLM',
};
