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
		sink.error(['dataset', 'output_len'], `must have one entry per input_len entry (aligned scenario lists, never a cartesian product): input_len has ${inputs.length}, output_len has ${outputs.length}`);
	}

	const names = dataset.scenario_names;
	if (names !== undefined) {
		if (names.length !== inputs.length) {
			sink.error(['dataset', 'scenario_names'], `must name each scenario: ${names.length} names for ${inputs.length} input_len/output_len pairs`);
		}

		const seen = new Set<string>();
		names.forEach((name, index) => {
			if (seen.has(name)) {
				sink.error(['dataset', 'scenario_names', index], `duplicate scenario name '${name}'`);
			}

			seen.add(name);
		});
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
