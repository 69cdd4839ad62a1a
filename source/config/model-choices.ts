import {didYouMean} from './did-you-mean.js';

/**
 * The values `model.precision` and `model.quantization` may take (the plan records them; the guided
 * inputs offer them as pickers). Precision: the dtypes the three frameworks accept for weights and
 * activations. Quantization: `none`, `model default` (what the checkpoint's config says) and the
 * methods the frameworks' `--quantization` flags take.
 */
export const precisions = ['auto', 'bf16', 'bfloat16', 'fp16', 'float16', 'half', 'fp32', 'float32', 'fp8', 'fp4', 'nvfp4', 'mxfp4', 'int8', 'int4'] as const;

export const quantizations = [
	'none',
	'model default',
	'fp8',
	'awq',
	'awq_marlin',
	'gptq',
	'gptq_marlin',
	'bitsandbytes',
	'gguf',
	'modelopt',
	'modelopt_fp4',
	'compressed-tensors',
	'w8a8_int8',
	'w8a8_fp8',
	'int4_awq',
	'w4a8_awq',
	'mxfp4',
	'nvfp4',
	'experts_int8',
	'moe_wna16',
	'torchao',
	'quark',
	'marlin',
	'hqq',
] as const;

/** Why a value is not one of `allowed` (with a did-you-mean), or null when it is. */
export function choiceProblem(what: string, value: string, allowed: readonly string[]): string | null {
	if (allowed.includes(value)) return null;
	return `${what} '${value}' is not known${didYouMean(value, allowed)}; choose one of: ${allowed.join(', ')}`;
}

/** Why a GPU id list is wrong (not whole numbers, repeated ids), or null. */
export function gpuIdsProblem(ids: readonly number[]): string | null {
	const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
	return repeated === undefined ? null : `GPU ${repeated} is listed twice: each GPU id once`;
}
