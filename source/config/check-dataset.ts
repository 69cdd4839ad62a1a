import type {IssueSink} from './issue-sink.js';
import type {DatasetSpec, Scenario} from './plan.js';
import type {RawDataset} from './raw-schemas.js';

const kindAliases: Readonly<Record<RawDataset['kind'], DatasetSpec['kind']>> = {
	random: 'random',
	sharegpt: 'sharegpt',
	jsonl: 'jsonl',
	custom: 'jsonl',
	'shared-prefix': 'shared-prefix',
	shared_prefix: 'shared-prefix',
	'generated-shared-prefix': 'shared-prefix',
};

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Bounds that keep a typo from hanging the workload builder or exhausting memory (1e12 prompts, 1e9 tokens). */
export const maxNumPrompts = 1_000_000;
export const maxSequenceTokens = 1_048_576;
export const maxWorkloadTokens = 200_000_000;
/** A scenario name becomes a file and folder name in the run directory. */
const scenarioNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * `input_len[i]` / `output_len[i]` form scenario i (aligned lists, never a cartesian product),
 * named by `scenario_names[i]` or `s<i>`.
 */
export function checkDataset(sink: IssueSink, dataset: RawDataset): {spec: DatasetSpec; scenarios: Scenario[]} | null {
	const inputs = asList(dataset.input_len);
	const outputs = asList(dataset.output_len);
	const before = sink.errorCount;
	if (inputs.length === 0) {
		sink.error(['dataset', 'input_len'], 'needs at least one input length');
	}

	if (inputs.length !== outputs.length) {
		sink.error(
			['dataset', 'output_len'],
			`must have one entry per input_len entry (aligned scenario lists, never a cartesian product): input_len has ${inputs.length}, output_len has ${outputs.length}`,
		);
	}

	const names = dataset.scenario_names;
	if (names !== undefined) {
		if (names.length !== inputs.length) {
			sink.error(['dataset', 'scenario_names'], `must name each scenario: ${names.length} names for ${inputs.length} input_len/output_len pairs`);
		}

		const seen = new Set<string>();
		names.forEach((name, index) => {
			if (!scenarioNamePattern.test(name) || name.includes('..')) {
				sink.error(
					['dataset', 'scenario_names', index],
					`'${name}' is not a plain name: it names files in the run directory, so use letters, digits, '.', '_' and '-' (no '/' or '..', at most 64 characters)`,
				);
			}

			if (seen.has(name)) {
				sink.error(['dataset', 'scenario_names', index], `duplicate scenario name '${name}'`);
			}

			seen.add(name);
		});
	}

	if (dataset.num_prompts > maxNumPrompts) {
		sink.error(['dataset', 'num_prompts'], `${dataset.num_prompts} is too many: at most ${maxNumPrompts} prompts per round`);
	}

	for (const [key, values] of [
		['input_len', inputs],
		['output_len', outputs],
	] as const) {
		values.forEach((value, index) => {
			if (value > maxSequenceTokens)
				sink.error(
					['dataset', key, ...(Array.isArray(dataset[key]) ? [index] : [])],
					`${value} tokens is too long: at most ${maxSequenceTokens} (beyond any model's context)`,
				);
		});
	}

	const promptTokens = dataset.num_prompts * Math.max(0, ...inputs);
	if (promptTokens > maxWorkloadTokens) {
		sink.error(
			['dataset', 'num_prompts'],
			`${dataset.num_prompts} prompts × ${Math.max(...inputs)} input tokens is ${promptTokens.toExponential(1)} tokens per scenario: at most ${maxWorkloadTokens.toExponential(0)} (the workload is built in memory)`,
		);
	}

	const kind = kindAliases[dataset.kind];
	if ((kind === 'sharegpt' || kind === 'jsonl') && !dataset.path && !dataset.canonical_jsonl) {
		sink.error(['dataset', 'path'], `is required for dataset kind '${dataset.kind}' (the file to read requests from)`);
	}

	if (sink.errorCount > before) {
		return null;
	}

	const scenarios = inputs.map((inputLen, index) => ({name: names?.[index] ?? `s${index}`, inputLen, outputLen: outputs[index]!}));
	return {
		scenarios,
		spec: {
			kind,
			path: dataset.path ?? null,
			numPrompts: dataset.num_prompts,
			rangeRatio: dataset.range_ratio,
			seed: dataset.seed,
			canonicalJsonl: dataset.canonical_jsonl ?? null,
		},
	};
}
