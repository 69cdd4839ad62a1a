import {stringify} from 'yaml';
import path from 'node:path';
import {findFramework} from '../../frameworks/registry.js';
import {fileWorkloads, tierBudgets, type WizardValues} from './wizard-fields.js';

// biome-ignore lint/suspicious/noExplicitAny: a YAML document built key by key before valibot checks it
type Raw = Record<string, any>;

/**
 * The wizard's answers written over the start document: the same shape comes back (cookbook or
 * runtime plan), so everything the operator did not touch (flags, search space) is kept.
 */
export function buildPlanYaml(doc: Raw, values: WizardValues): string {
	const plan = structuredClone(doc);
	const ids = values.gpuIds.split(',').map(id => Number(id.trim()));
	const scenarios = values.scenarios.split(',').map(item => item.trim().split(':'));
	const sla = Object.fromEntries(
		values.sla
			.split(',')
			.map(item => item.trim().split('='))
			.map(([key, value]) => [key!, Number(value)]),
	);
	const wanted = new Set(values.frameworks.split(',').map(name => findFramework(name.trim())));
	plan.model = {...plan.model, name: values.model, tokenizer: values.tokenizer || values.model, precision: values.precision, quantization: values.quantization};
	plan.hardware = {...plan.hardware, gpu_count: ids.length, gpu_ids: ids};
	plan.dataset = {
		...plan.dataset,
		kind: values.workload,
		...(fileWorkloads.includes(values.workload as never) ? {path: path.resolve(values.datasetPath)} : {}),
		scenario_names: scenarios.map(s => s[0]),
		input_len: scenarios.map(s => Number(s[1])),
		output_len: scenarios.map(s => Number(s[2])),
	};
	plan.benchmark = {...plan.benchmark, endpoint: values.endpoint};
	if (plan.benchmark.sla) plan.benchmark.sla = sla;
	else plan.sla = sla;
	// The tier the field showed by default keeps the document's own budget (the demo's 3 per framework).
	const shownTier = ['smoke', 'default', 'exhaustive'].includes(plan.search?.tier) ? plan.search.tier : 'default';
	if (values.tier !== shownTier || plan.search?.max_candidates_per_framework === undefined) {
		plan.search = {...plan.search, tier: values.tier, max_candidates_per_framework: tierBudgets[values.tier] ?? 8};
	}
	for (const [name, framework] of Object.entries(plan.frameworks ?? {})) {
		(framework as Raw).enabled = wanted.has(findFramework(name));
	}

	return `# Written by the llm-bench-tui guided inputs.\n${stringify(plan)}`;
}
