import {readFileSync} from 'node:fs';
import {parse} from 'yaml';
import {frameworkAdapter, frameworkNames} from '../../frameworks/registry.js';
import type {WizardValues} from './wizard-fields.js';

// biome-ignore lint/suspicious/noExplicitAny: a YAML document built key by key before valibot checks it
type Raw = Record<string, any>;

const scratch = {
	model: {name: 'Qwen/Qwen3-8B', tokenizer: 'Qwen/Qwen3-8B', precision: 'auto', quantization: 'none'},
	hardware: {gpu_count: 1},
	dataset: {kind: 'random', num_prompts: 40, scenario_names: ['chat'], input_len: [1000], output_len: [200]},
	benchmark: {endpoint: '/v1/chat/completions', qps: {lower: 1, upper: 8, tolerance: 0.1, max_rounds: 4}},
	sla: {max_p99_ttft_ms: 2000, max_p99_tpot_ms: 80, min_success_rate: 0.99},
	search: {tier: 'smoke', max_candidates_per_framework: 1},
	frameworks: Object.fromEntries(
		frameworkNames.flatMap(name => {
			const flags = frameworkAdapter(name).scratchFlags;
			return flags ? [[name, {enabled: true, base_server_flags: flags}]] : [];
		}),
	),
};

/** The YAML document a start choice stands for ('scratch' = a small runtime plan). */
export function sourceDocument(source: string): Raw {
	if (source === 'scratch') return structuredClone(scratch);
	return parse(readFileSync(source, 'utf8')) as Raw;
}

/** Field defaults read from a plan or cookbook document. */
export function defaultsFrom(source: string, doc: Raw, context: {gpuIds: readonly number[]; recipe: string; outputDir: string}): WizardValues {
	const dataset = doc.dataset ?? {};
	const inputs: number[] = dataset.input_len ?? [];
	const names: string[] = dataset.scenario_names ?? inputs.map((_, i) => `s${i}`);
	const sla = doc.sla ?? doc.benchmark?.sla ?? {};
	const frameworks = Object.entries(doc.frameworks ?? {})
		.filter(([, fw]) => (fw as Raw)?.enabled !== false)
		.map(([name]) => name);
	const gpuCount = Number(doc.hardware?.gpu_count ?? 1);
	const ids = context.gpuIds.length >= gpuCount ? context.gpuIds.slice(0, gpuCount) : Array.from({length: gpuCount}, (_, i) => i);
	const tier = doc.search?.tier;
	return {
		source,
		model: String(doc.model?.name ?? ''),
		tokenizer: String(doc.model?.tokenizer ?? ''),
		frameworks: frameworks.join(','),
		gpuIds: ids.join(','),
		precision: String(doc.model?.precision ?? 'auto'),
		quantization: String(doc.model?.quantization ?? 'none'),
		endpoint: String(doc.benchmark?.endpoint ?? '/v1/chat/completions'),
		workload: String(dataset.kind ?? 'random'),
		datasetPath: typeof dataset.path === 'string' ? dataset.path : '',
		scenarios: names.map((name, i) => `${name}:${inputs[i]}:${dataset.output_len?.[i]}`).join(','),
		sla: Object.entries(sla)
			.map(([key, value]) => `${key}=${value}`)
			.join(','),
		tier: typeof tier === 'string' && ['smoke', 'default', 'exhaustive'].includes(tier) ? tier : 'default',
		recipe: context.recipe,
		outputDir: context.outputDir,
	};
}
