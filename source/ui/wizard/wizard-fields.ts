import {existsSync, statSync} from 'node:fs';
import {findFramework, frameworkNames} from '../../frameworks/registry.js';
import {validateSlaKeys} from '../../config/sla-keys.js';
import {choiceProblem, gpuIdsProblem, precisions, quantizations} from '../../config/model-choices.js';

/**
 * The guided inputs, one small declarative field each: label, default, choices, and a validator
 * that returns the reason a value is wrong (shown as the operator types). The validators are the
 * plan's own rules (SLA grammar, precision and quantization lists, GPU ids, scenario names), so an
 * answer the wizard accepts is one the plan accepts. Order = step order; `when` hides a step.
 */

export type FieldKey =
	| 'source'
	| 'model'
	| 'tokenizer'
	| 'frameworks'
	| 'gpuIds'
	| 'precision'
	| 'quantization'
	| 'endpoint'
	| 'workload'
	| 'datasetPath'
	| 'scenarios'
	| 'sla'
	| 'tier'
	| 'recipe'
	| 'outputDir';

export type WizardValues = Readonly<Record<FieldKey, string>>;

export type Field = {
	readonly key: FieldKey;
	readonly label: string;
	/** Fixed choices: the draft filters them, ↑/↓ picks. */
	readonly choices?: readonly string[];
	readonly validate: (value: string) => string | null;
	/** The step is asked only when this holds (the dataset file only for file-based workloads). */
	readonly when?: (values: WizardValues) => boolean;
};

const nonEmpty = (what: string) => (value: string) => (value.trim() ? null : `${what} cannot be empty`);

export const tierBudgets: Readonly<Record<string, number>> = {smoke: 1, default: 8, exhaustive: 32};
export const recipeNames = ['simulated', 'local', 'docker', 'docker-exec', 'ssh'] as const;
export const fileWorkloads = ['sharegpt', 'jsonl'] as const;

function validateList<T>(value: string, parse: (item: string) => T | null, what: string): string | null {
	const items = value
		.split(',')
		.map(item => item.trim())
		.filter(Boolean);
	if (items.length === 0) return `give at least one ${what}`;
	const bad = items.find(item => parse(item) === null);
	return bad === undefined ? null : `'${bad}' is not a valid ${what}`;
}

/** A value that names a directory on this machine (not a Hugging Face id). */
const looksLocal = (value: string) => /^(\/|\.{1,2}\/|~)/.test(value);

export function validateModel(value: string): string | null {
	const text = value.trim();
	if (!text) return 'the model cannot be empty';
	if (looksLocal(text))
		return existsSync(text.replace(/^~/, process.env.HOME ?? '~')) ? null : `no such directory ${text} on this machine (a Hugging Face id is org/name)`;
	return /^[\w.-]+(\/[\w.-]+)?$/.test(text) ? null : `'${text}' is neither a Hugging Face id (org/name) nor a local path`;
}

export function validateGpuIds(value: string): string | null {
	const shape = validateList(value, item => (/^\d+$/.test(item) ? Number(item) : null), 'GPU id (a number like 0)');
	return (
		shape ??
		gpuIdsProblem(
			value
				.split(',')
				.map(item => item.trim())
				.filter(Boolean)
				.map(Number),
		)
	);
}

export function validateScenarios(value: string): string | null {
	const shape = validateList(
		value,
		item => (/^[\w.-]+:[1-9]\d*:[1-9]\d*$/.test(item) ? item : null),
		'scenario (name:input_len:output_len, lengths above 0, e.g. chat:1000:200)',
	);
	if (shape) return shape;
	const names = value
		.split(',')
		.map(item => item.trim().split(':')[0]!)
		.filter(Boolean);
	const repeated = names.find((name, index) => names.indexOf(name) !== index);
	return repeated === undefined ? null : `duplicate scenario name '${repeated}'`;
}

/** The SLA as `key=value` pairs, checked by the plan's own SLA grammar (config/sla-keys.ts). */
export function validateSla(value: string): string | null {
	const items = value
		.split(',')
		.map(item => item.trim())
		.filter(Boolean);
	if (items.length === 0) return 'give at least one SLA bound, e.g. max_p99_ttft_ms=2000';
	const sla: Record<string, number> = {};
	for (const item of items) {
		const match = /^([\w]+)=(-?\d+(\.\d+)?)$/.exec(item);
		if (!match) return `'${item}' is not key=number (e.g. max_p99_ttft_ms=2000)`;
		if (match[1]! in sla) return `${match[1]} is given twice`;
		sla[match[1]!] = Number(match[2]);
	}

	const problems: string[] = [];
	validateSlaKeys({error: (_path, message) => problems.push(message)}, sla, ['sla']);
	return problems[0] ?? null;
}

export function validateDatasetPath(value: string): string | null {
	const file = value.trim();
	if (!file) return 'the dataset file cannot be empty for this workload';
	if (!existsSync(file)) return `no such file ${file}`;
	return statSync(file).isFile() ? null : `${file} is a directory, not a dataset file`;
}

export function buildFields(sourceChoices: readonly string[]): Field[] {
	return [
		{key: 'source', label: 'Start from (a plan file, a cookbook config, or scratch)', choices: sourceChoices, validate: nonEmpty('the start')},
		{key: 'model', label: 'Model path or Hugging Face id', validate: validateModel},
		{
			key: 'tokenizer',
			label: 'Tokenizer (path or id; follows the model unless changed)',
			validate: value => (value.trim() === '' ? null : validateModel(value)),
		},
		{
			key: 'frameworks',
			label: `Frameworks (comma-separated: ${frameworkNames.join(', ')})`,
			validate: value => validateList(value, item => (findFramework(item) ? item : null), `framework (choose from ${frameworkNames.join(', ')})`),
		},
		{key: 'gpuIds', label: 'GPU ids (comma-separated)', validate: validateGpuIds},
		{
			key: 'precision',
			label: 'Precision',
			choices: precisions,
			validate: value => (value ? choiceProblem('precision', value, precisions) : 'pick a precision (type to filter)'),
		},
		{
			key: 'quantization',
			label: 'Quantization',
			choices: quantizations,
			validate: value => (value ? choiceProblem('quantization', value, quantizations) : 'pick a quantization (type to filter)'),
		},
		{key: 'endpoint', label: 'Endpoint', choices: ['/v1/chat/completions', '/v1/completions'], validate: nonEmpty('the endpoint')},
		{key: 'workload', label: 'Workload source', choices: ['random', 'sharegpt', 'jsonl', 'shared-prefix'], validate: nonEmpty('the workload')},
		{
			key: 'datasetPath',
			label: 'Dataset file (ShareGPT JSON or JSONL)',
			validate: validateDatasetPath,
			when: values => (fileWorkloads as readonly string[]).includes(values.workload),
		},
		{key: 'scenarios', label: 'Scenarios (name:input_len:output_len, comma-separated)', validate: validateScenarios},
		{key: 'sla', label: 'SLA (key=value, e.g. max_p99_ttft_ms=2000,min_success_rate=0.99)', validate: validateSla},
		{
			key: 'tier',
			label: 'Search tier (candidates per framework: smoke 1, default 8, exhaustive 32)',
			choices: Object.keys(tierBudgets),
			validate: nonEmpty('the tier'),
		},
		{key: 'recipe', label: 'Recipe (where the frameworks run)', choices: recipeNames, validate: nonEmpty('the recipe')},
		{key: 'outputDir', label: 'Output directory', validate: nonEmpty('the output directory')},
	];
}
