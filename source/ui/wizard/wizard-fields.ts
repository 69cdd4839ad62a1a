import {frameworkNames} from '../../frameworks/framework-name.js';

/**
 * The guided inputs, one small declarative field each: label, default, choices, and a validator
 * that returns the reason a value is wrong (shown as the operator types). Order = step order.
 */

export type FieldKey =
	| 'source' | 'model' | 'tokenizer' | 'frameworks' | 'gpuIds' | 'precision' | 'quantization' | 'endpoint'
	| 'workload' | 'scenarios' | 'sla' | 'tier' | 'recipe' | 'outputDir';

export type Field = {
	readonly key: FieldKey;
	readonly label: string;
	/** Fixed choices: the draft filters them, ↑/↓ picks. */
	readonly choices?: readonly string[];
	readonly validate: (value: string) => string | null;
};

export type WizardValues = Readonly<Record<FieldKey, string>>;

const nonEmpty = (what: string) => (value: string) => (value.trim() ? null : `${what} cannot be empty`);

export const tierBudgets: Readonly<Record<string, number>> = {smoke: 1, default: 8, exhaustive: 32};
export const recipeNames = ['simulated', 'local', 'docker', 'docker-exec', 'ssh'] as const;

function validateList<T>(value: string, parse: (item: string) => T | null, what: string): string | null {
	const items = value.split(',').map(item => item.trim()).filter(Boolean);
	if (items.length === 0) return `give at least one ${what}`;
	const bad = items.find(item => parse(item) === null);
	return bad === undefined ? null : `'${bad}' is not a valid ${what}`;
}

export function buildFields(sourceChoices: readonly string[]): Field[] {
	return [
		{key: 'source', label: 'Start from (a plan file, a cookbook config, or scratch)', choices: sourceChoices, validate: nonEmpty('the start')},
		{key: 'model', label: 'Model path or Hugging Face id', validate: nonEmpty('the model')},
		{key: 'tokenizer', label: 'Tokenizer (path or id; empty = the model)', validate: () => null},
		{
			key: 'frameworks',
			label: `Frameworks (comma-separated: ${frameworkNames.join(', ')})`,
			validate: value => validateList(value, item => (frameworkNames as readonly string[]).includes(item) || item === 'trtllm' ? item : null, `framework (choose from ${frameworkNames.join(', ')})`),
		},
		{key: 'gpuIds', label: 'GPU ids (comma-separated)', validate: value => validateList(value, item => (/^\d+$/.test(item) ? Number(item) : null), 'GPU id (a number like 0)')},
		{key: 'precision', label: 'Precision (auto, bf16, fp16, fp8)', validate: nonEmpty('the precision')},
		{key: 'quantization', label: 'Quantization (none, fp8, awq, gptq, model default)', validate: nonEmpty('the quantization')},
		{key: 'endpoint', label: 'Endpoint', choices: ['/v1/chat/completions', '/v1/completions'], validate: nonEmpty('the endpoint')},
		{key: 'workload', label: 'Workload source', choices: ['random', 'sharegpt', 'jsonl', 'shared-prefix'], validate: nonEmpty('the workload')},
		{
			key: 'scenarios',
			label: 'Scenarios (name:input_len:output_len, comma-separated)',
			validate: value => validateList(value, item => (/^[\w.-]+:\d+:\d+$/.test(item) ? item : null), 'scenario (e.g. chat:1000:200)'),
		},
		{
			key: 'sla',
			label: 'SLA (key=value, e.g. max_p99_ttft_ms=2000,min_success_rate=0.99)',
			validate: value => validateList(value, item => (/^(max_(mean|p50|p90|p95|p99)_(ttft|tpot|itl|e2e)_ms|min_success_rate|min_request_goodput)=\d+(\.\d+)?$/.test(item) ? item : null), 'SLA bound (max_<p50|p90|p95|p99|mean>_<ttft|tpot|itl|e2e>_ms=N)'),
		},
		{key: 'tier', label: 'Search tier (candidates per framework: smoke 1, default 8, exhaustive 32)', choices: Object.keys(tierBudgets), validate: nonEmpty('the tier')},
		{key: 'recipe', label: 'Recipe (where the frameworks run)', choices: recipeNames, validate: nonEmpty('the recipe')},
		{key: 'outputDir', label: 'Output directory', validate: nonEmpty('the output directory')},
	];
}
