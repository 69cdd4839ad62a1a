/**
 * Model facts the performance model needs, keyed by name patterns (docs/simulated-box.md).
 * Anything unknown falls back to a dense Llama-like shape scaled from the `NNB` in its name.
 */
export type ModelSpec = {
	readonly label: string;
	/** Billions of parameters held in memory. */
	readonly totalParamsB: number;
	/** Billions of parameters touched per token (MoE < total). */
	readonly activeParamsB: number;
	readonly layers: number;
	readonly hidden: number;
	/** KV bytes per token at bf16, all layers. */
	readonly kvBytesPerToken: number;
	readonly maxContext: number;
	/** Some models/runtimes refuse vLLM's concurrent partial prefill (seed gotcha). */
	readonly rejectsPartialPrefill: boolean;
	readonly moe: boolean;
};

type Entry = {readonly pattern: RegExp; readonly spec: ModelSpec};

const table: readonly Entry[] = [
	{
		pattern: /tinyllama/i,
		spec: {
			label: 'TinyLlama-1.1B',
			totalParamsB: 1.1,
			activeParamsB: 1.1,
			layers: 22,
			hidden: 2048,
			kvBytesPerToken: 22_528,
			maxContext: 2048,
			rejectsPartialPrefill: false,
			moe: false,
		},
	},
	{
		pattern: /qwen3-0\.6b/i,
		spec: {
			label: 'Qwen3-0.6B',
			totalParamsB: 0.6,
			activeParamsB: 0.6,
			layers: 28,
			hidden: 1024,
			kvBytesPerToken: 114_688,
			maxContext: 40_960,
			rejectsPartialPrefill: false,
			moe: false,
		},
	},
	{
		pattern: /qwen3-30b-a3b/i,
		spec: {
			label: 'Qwen3-30B-A3B',
			totalParamsB: 30.5,
			activeParamsB: 3.3,
			layers: 48,
			hidden: 2048,
			kvBytesPerToken: 98_304,
			maxContext: 40_960,
			rejectsPartialPrefill: true,
			moe: true,
		},
	},
	{
		pattern: /qwen3-235b-a22b/i,
		spec: {
			label: 'Qwen3-235B-A22B',
			totalParamsB: 235,
			activeParamsB: 22,
			layers: 94,
			hidden: 4096,
			kvBytesPerToken: 192_512,
			maxContext: 40_960,
			rejectsPartialPrefill: true,
			moe: true,
		},
	},
	{
		pattern: /qwen3-32b/i,
		spec: {
			label: 'Qwen3-32B',
			totalParamsB: 32.8,
			activeParamsB: 32.8,
			layers: 64,
			hidden: 5120,
			kvBytesPerToken: 262_144,
			maxContext: 40_960,
			rejectsPartialPrefill: false,
			moe: false,
		},
	},
	{
		pattern: /qwen3-8b/i,
		spec: {
			label: 'Qwen3-8B',
			totalParamsB: 8.2,
			activeParamsB: 8.2,
			layers: 36,
			hidden: 4096,
			kvBytesPerToken: 147_456,
			maxContext: 40_960,
			rejectsPartialPrefill: false,
			moe: false,
		},
	},
	{
		pattern: /llama-3(\.\d)?-8b/i,
		spec: {
			label: 'Llama-3.1-8B',
			totalParamsB: 8.0,
			activeParamsB: 8.0,
			layers: 32,
			hidden: 4096,
			kvBytesPerToken: 131_072,
			maxContext: 131_072,
			rejectsPartialPrefill: false,
			moe: false,
		},
	},
	{
		pattern: /llama-3(\.\d)?-70b/i,
		spec: {
			label: 'Llama-3.1-70B',
			totalParamsB: 70.6,
			activeParamsB: 70.6,
			layers: 80,
			hidden: 8192,
			kvBytesPerToken: 327_680,
			maxContext: 131_072,
			rejectsPartialPrefill: false,
			moe: false,
		},
	},
	{
		pattern: /deepseek-(v3|r1)/i,
		spec: {
			label: 'DeepSeek-V3',
			totalParamsB: 671,
			activeParamsB: 37,
			layers: 61,
			hidden: 7168,
			kvBytesPerToken: 70_272,
			maxContext: 163_840,
			rejectsPartialPrefill: true,
			moe: true,
		},
	},
	{
		pattern: /gpt-oss-120b/i,
		spec: {
			label: 'gpt-oss-120b',
			totalParamsB: 117,
			activeParamsB: 5.1,
			layers: 36,
			hidden: 2880,
			kvBytesPerToken: 73_728,
			maxContext: 131_072,
			rejectsPartialPrefill: true,
			moe: true,
		},
	},
	{
		pattern: /gpt-oss-20b/i,
		spec: {
			label: 'gpt-oss-20b',
			totalParamsB: 21,
			activeParamsB: 3.6,
			layers: 24,
			hidden: 2880,
			kvBytesPerToken: 49_152,
			maxContext: 131_072,
			rejectsPartialPrefill: true,
			moe: true,
		},
	},
];

/** Dense fallback: KV and width grow roughly with the square root of the size, like Llama shapes. */
function fromSize(name: string, sizeB: number): ModelSpec {
	const layers = Math.max(16, Math.round(32 * Math.sqrt(sizeB / 8)));
	const hidden = Math.round((4096 * Math.sqrt(sizeB / 8)) / 128) * 128;
	return {
		label: name,
		totalParamsB: sizeB,
		activeParamsB: sizeB,
		layers,
		hidden,
		kvBytesPerToken: layers * 2 * 8 * 128 * 2,
		maxContext: 32_768,
		rejectsPartialPrefill: false,
		moe: false,
	};
}

export function modelSpecFor(name: string): ModelSpec {
	const hit = table.find(entry => entry.pattern.test(name));
	if (hit) {
		return hit.spec;
	}

	const size = /(\d+(?:\.\d+)?)\s*[bB](?![a-zA-Z])/.exec(name);
	return fromSize(name, size ? Number(size[1]) : 8);
}
