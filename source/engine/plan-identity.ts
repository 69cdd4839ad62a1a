import {createHash} from 'node:crypto';
import type {Plan} from '../config/plan.js';
import {redactDeep, type Redactor} from '../secrets/redact.js';

/**
 * What a run's rows depend on: the same identity means rows of an earlier attempt and of this one
 * measure the same thing and may share one ranking. Recorded at the start of a run
 * (plan-identity.json); `--resume` with a plan whose identity differs is refused.
 */
export type PlanIdentity = {
	readonly sha256: string;
	/** `dataset.num_prompts` → its value (secret-named values masked), for listing what changed. */
	readonly fields: Readonly<Record<string, unknown>>;
};

export const planIdentityFile = 'plan-identity.json';

function flatten(value: unknown, prefix: string, out: Record<string, unknown>): void {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, out);
		return;
	}

	out[prefix] = value ?? null;
}

export function planIdentity(plan: Plan, redact: Redactor): PlanIdentity {
	const measured = {
		model: plan.model.name,
		tokenizer: plan.model.tokenizer,
		dataset: {
			kind: plan.dataset.kind,
			path: plan.dataset.path,
			num_prompts: plan.dataset.numPrompts,
			range_ratio: plan.dataset.rangeRatio,
			seed: plan.dataset.seed,
		},
		scenarios: Object.fromEntries(plan.scenarios.map(s => [s.name, {input_len: s.inputLen, output_len: s.outputLen}])),
		benchmark: {
			endpoint: plan.benchmark.endpoint,
			max_concurrency: plan.benchmark.maxConcurrency,
			request_rates: plan.benchmark.requestRates,
			qps: plan.benchmark.qps,
			extra_request_body: plan.benchmark.extraRequestBody,
		},
		sla: plan.sla,
		frameworks: Object.fromEntries(
			plan.frameworks
				.filter(f => f.enabled)
				.map(f => [
					f.name,
					{
						server_command: f.serverCommand,
						base_server_flags: f.baseFlags,
						search_space: Object.fromEntries(f.searchSpace.map(([key, values]) => [key, values])),
					},
				]),
		),
	};
	const fields: Record<string, unknown> = {};
	flatten(measured, '', fields);
	const sha256 = createHash('sha256').update(JSON.stringify(fields)).digest('hex');
	return {sha256, fields: redactDeep(fields, redact)};
}

/** `model: Qwen/A → Qwen/B` lines for every field that differs (added or removed ones too). */
export function identityDifferences(before: PlanIdentity, now: PlanIdentity): string[] {
	if (before.sha256 === now.sha256) return [];
	const keys = [...new Set([...Object.keys(before.fields), ...Object.keys(now.fields)])].sort();
	const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));
	const lines = keys
		.filter(key => JSON.stringify(before.fields[key]) !== JSON.stringify(now.fields[key]))
		.map(key => `${key}: ${show(before.fields[key])} → ${show(now.fields[key])}`);
	return lines.length > 0 ? lines : ['a secret-valued setting (shown masked in both)'];
}
