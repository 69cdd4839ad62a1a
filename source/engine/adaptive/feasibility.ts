import fs from 'node:fs';
import path from 'node:path';
import type {Flags, Plan} from '../../config/plan.js';
import type {MemoryKnobs} from '../../frameworks/adapter.js';
import {frameworkAdapter, type FrameworkName} from '../../frameworks/registry.js';

/**
 * The adaptive search's feasibility guard (issue 16, docs/config.md "Adaptive search"): before a
 * candidate is launched, a memory model — weights per GPU at the candidate's tensor parallelism,
 * and the KV pool its memory setting leaves for the scenarios' sequence length — says whether it
 * can start at all. It rejects only what cannot fit: weights larger than the memory the setting
 * allows, more GPUs than the plan gives, a KV pool that cannot hold one sequence of the longest
 * scenario (only when the model's config.json gives the KV size; a size guessed from the name
 * never rejects). What it cannot judge (no GPU memory, no model size) it lets through.
 */

export function memoryKnobsFor(framework: FrameworkName): MemoryKnobs | null {
	return frameworkAdapter(framework).memoryKnobs ?? null;
}

export type ModelMemory = {
	/** Billions of parameters held in memory. */
	readonly paramsB: number;
	/** KV bytes per token at 2-byte elements, all layers; null when unknown. */
	readonly kvBytesPerToken: number | null;
	/** Where the figures come from, for the row. */
	readonly source: string;
};

const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null);

/** From `<model dir>/config.json` when the model is a local directory: KV size per token (and no guess). */
function fromConfigJson(modelName: string, baseDir: string): {kvBytesPerToken: number} | null {
	try {
		const config = JSON.parse(fs.readFileSync(path.resolve(baseDir, modelName, 'config.json'), 'utf8')) as Record<string, unknown>;
		const text = (config.text_config as Record<string, unknown> | undefined) ?? config;
		const layers = number(text.num_hidden_layers);
		const heads = number(text.num_attention_heads);
		const kvHeads = number(text.num_key_value_heads) ?? heads;
		const headDim = number(text.head_dim) ?? (number(text.hidden_size) && heads ? number(text.hidden_size)! / heads : null);
		if (!layers || !kvHeads || !headDim) return null;
		return {kvBytesPerToken: layers * kvHeads * headDim * 2 * 2};
	} catch {
		return null;
	}
}

/** The model's size from its name (`Qwen3-8B`, `Llama-3.1-70B-Instruct`: the first `<N>B`), KV size from config.json. */
export function modelMemory(plan: Pick<Plan, 'model' | 'sourceFile'>): ModelMemory | null {
	const size = /(\d+(?:\.\d+)?)\s*[bB](?![a-zA-Z])/.exec(plan.model.name.split('/').at(-1) ?? plan.model.name);
	const paramsB = size ? Number(size[1]) : null;
	if (!paramsB) return null;
	const config = fromConfigJson(plan.model.name, path.dirname(plan.sourceFile));
	return {
		paramsB,
		kvBytesPerToken: config?.kvBytesPerToken ?? null,
		source: config ? 'parameters from the model name, KV size from config.json' : 'parameters from the model name (no config.json: KV not checked)',
	};
}

/** Bytes per weight from the plan's precision/quantization or the candidate's `quantization` flag. */
export function bytesPerParam(plan: Pick<Plan, 'model'>, flags: Flags, knob: MemoryKnobs): number {
	const words = [plan.model.quantization, plan.model.precision, flags[knob.quantizationKey]].map(word => String(word ?? '').toLowerCase()).join(' ');
	if (/int4|awq|gptq|fp4|nvfp4|mxfp4|w4/.test(words)) return 0.5;
	if (/fp8|int8|w8/.test(words)) return 1;
	return 2;
}

export type Predicted = {
	readonly gpu_memory_gib: number;
	readonly tensor_parallel: number;
	readonly gpus_available: number;
	readonly weights_gib_per_gpu: number;
	/** What the memory setting lets the engine use per GPU (weights included for utilization/static). */
	readonly budget_gib: number;
	readonly kv_gib: number;
	readonly kv_tokens: number | null;
	readonly needed_tokens: number;
	readonly memory_setting: string;
	readonly model_source: string;
};

export type Feasibility =
	| {readonly feasible: true; readonly predicted: Predicted}
	| {readonly feasible: false; readonly reason: string; readonly predicted: Predicted};

export type FeasibilityInput = {
	readonly framework: FrameworkName;
	readonly flags: Flags;
	readonly plan: Pick<Plan, 'model' | 'scenarios'>;
	readonly model: ModelMemory;
	/** Memory of the smallest GPU the candidate would use. */
	readonly gpuMemoryGiB: number;
	readonly gpusAvailable: number;
};

const gib = 1024 ** 3;
const f2 = (value: number) => value.toFixed(2);

/** null: this framework has no memory knobs known here (the guard does not judge it). */
export function checkFeasibility(input: FeasibilityInput): Feasibility | null {
	const knob = memoryKnobsFor(input.framework);
	if (!knob) return null;
	const tpValue = knob.tpKeys.map(key => input.flags[key]).find(value => value !== undefined && value !== null);
	const tp = Math.max(1, Math.floor(Number(tpValue ?? 1)) || 1);
	const fraction = Number(input.flags[knob.fractionKey] ?? knob.defaultFraction);
	const weights = (input.model.paramsB * 1e9 * bytesPerParam(input.plan, input.flags, knob)) / tp / gib;
	const memory = input.gpuMemoryGiB;
	const budget = knob.mode === 'free' ? memory : memory * fraction;
	const kvGiB = knob.mode === 'free' ? Math.max(0, memory - weights) * fraction : Math.max(0, budget - weights);
	const kvElement = /fp8/i.test(String(input.flags[knob.kvDtypeKey] ?? '')) ? 0.5 : 1;
	const kvTokens = input.model.kvBytesPerToken ? Math.floor((kvGiB * gib) / ((input.model.kvBytesPerToken * kvElement) / tp)) : null;
	const needed = Math.max(...input.plan.scenarios.map(s => s.inputLen + s.outputLen));
	const predicted: Predicted = {
		gpu_memory_gib: Number(f2(memory)),
		tensor_parallel: tp,
		gpus_available: input.gpusAvailable,
		weights_gib_per_gpu: Number(f2(weights)),
		budget_gib: Number(f2(budget)),
		kv_gib: Number(f2(kvGiB)),
		kv_tokens: kvTokens,
		needed_tokens: needed,
		memory_setting: `${knob.fractionKey}=${fraction}`,
		model_source: input.model.source,
	};
	if (tp > input.gpusAvailable) return {feasible: false, reason: `needs ${tp} GPUs (tensor parallel ${tp}); the plan gives ${input.gpusAvailable}`, predicted};
	if (weights >= budget)
		return {
			feasible: false,
			reason: `weights need ${f2(weights)} GiB per GPU at tensor parallel ${tp}, more than the ${f2(budget)} GiB ${knob.mode === 'free' ? 'each GPU has' : `that ${knob.fractionKey}=${fraction} allows on a ${f2(memory)} GiB GPU`}`,
			predicted,
		};
	if (kvTokens !== null && kvTokens < needed)
		return {
			feasible: false,
			reason: `the KV pool (${f2(kvGiB)} GiB, ${kvTokens} tokens) cannot hold one ${needed}-token sequence of the longest scenario`,
			predicted,
		};
	return {feasible: true, predicted};
}
