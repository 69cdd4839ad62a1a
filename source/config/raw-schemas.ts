import * as v from 'valibot';
import {datasetKinds, endpoints} from '../results/workload-row.js';

/**
 * The YAML file as written, section by section (docs/config.md). Each section is parsed on its own so one
 * broken section does not hide the problems of the others. Unknown keys are reported separately
 * (see unknown-keys.ts), with the valid list and a did-you-mean, from the `entries` of these
 * schemas; `v.object` itself just drops them.
 */

const positiveInteger = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'));
const nonNegativeInteger = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must be 0 or more'));
const optionalText = v.optional(v.nullable(v.string()));
const oneOrMany = <T extends v.GenericSchema>(item: T) => v.union([item, v.array(item)]);

export const SourceSchema = v.object({
	kind: v.optional(v.picklist(['llm_serving_cookbook'], "must be 'llm_serving_cookbook'")),
	source_recipe_file: optionalText,
	translation: optionalText,
	url: optionalText,
	notes: optionalText,
});

export const ModelSchema = v.object({
	name: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty: the model id or a local directory')),
	tokenizer: optionalText,
	precision: optionalText,
	quantization: optionalText,
	revision: optionalText,
	/** Lets a runtime plan state the model's own limit when no local config.json is at hand. */
	max_position_embeddings: v.optional(v.nullable(positiveInteger)),
});

export const HardwareSchema = v.object({
	gpu_model: optionalText,
	gpu_count: v.optional(positiveInteger, 1),
	gpu_ids: v.optional(v.nullable(v.array(nonNegativeInteger))),
	multi_node: v.optional(v.boolean(), false),
});

/** The plan's dataset kinds plus the older spellings YAML still accepts (check-dataset.ts maps them). */
export const datasetKindSpellings = [...datasetKinds, 'custom', 'shared_prefix', 'generated-shared-prefix'] as const;

export const DatasetSchema = v.object({
	kind: v.optional(v.picklist(datasetKindSpellings, `must be one of: ${datasetKindSpellings.join(', ')}`), 'random'),
	path: optionalText,
	num_prompts: v.optional(positiveInteger, 80),
	scenario_names: v.optional(v.array(v.pipe(v.string(), v.minLength(1, 'a scenario name must not be empty')))),
	input_len: oneOrMany(positiveInteger),
	output_len: oneOrMany(positiveInteger),
	canonical_jsonl: optionalText,
	seed: v.optional(nonNegativeInteger, 0),
	// Fraction of the requested length the shortest request may have; 1.0 = exact lengths.
	range_ratio: v.optional(v.pipe(v.number(), v.minValue(0, 'must be between 0 and 1'), v.maxValue(1, 'must be between 0 and 1')), 1),
});

export const QpsSchema = v.object({
	// Finite: an infinite bound turns a bisection round into a burst recorded as a steady-state point.
	lower: v.optional(v.pipe(v.number(), v.finite('must be a finite rate (requests per second)'), v.gtValue(0, 'must be above 0')), 0.5),
	upper: v.optional(
		v.pipe(v.number(), v.finite('must be a finite rate (requests per second); the burst is measured on its own'), v.gtValue(0, 'must be above 0')),
		16,
	),
	tolerance: v.optional(v.pipe(v.number(), v.gtValue(0, 'must be above 0'), v.maxValue(1, 'is relative: at most 1')), 0.1),
	max_rounds: v.optional(v.pipe(positiveInteger, v.maxValue(5, 'must be at most 5 (SPEC §6)')), 5),
	// Budget per search: extra batches of num_prompts measured at rates whose SLA verdict is undecided.
	extra_batches: v.optional(v.pipe(nonNegativeInteger, v.maxValue(10, 'must be at most 10')), 2),
});

export const SlaSchema = v.record(v.string(), v.number());

export const BenchmarkSchema = v.object({
	endpoint: v.optional(v.picklist(endpoints, `must be one of: ${endpoints.join(', ')}`), '/v1/completions'),
	backend: optionalText,
	tokenizer: optionalText,
	max_concurrency: v.optional(v.nullable(oneOrMany(v.nullable(positiveInteger)))),
	request_rates: v.optional(v.nullable(v.array(v.union([v.pipe(v.number(), v.gtValue(0, 'must be above 0')), v.literal('inf')])))),
	qps: v.optional(QpsSchema, {}),
	extra_request_body: v.optional(v.record(v.string(), v.unknown()), {}),
	warmup_requests: v.optional(nonNegativeInteger, 0),
	// Bounded re-measurements of contenders where a tie or an undecided verdict would change the winner.
	repeats: v.optional(v.pipe(nonNegativeInteger, v.maxValue(5, 'must be at most 5')), 1),
	sla: v.optional(SlaSchema),
	output_dir: optionalText,
});

export const candidateStrategies = ['baseline_first_bounded_product'] as const;
/** How candidates are measured (docs/config.md `search.strategy`): every one in full, or adaptive (issue 16). */
export const searchStrategies = ['exhaustive', 'adaptive'] as const;

export const SearchSchema = v.object({
	tier: v.optional(v.nullable(v.union([v.number(), v.string()]))),
	max_candidates_per_framework: v.optional(positiveInteger),
	candidate_generation: v.optional(v.picklist(candidateStrategies, `must be one of: ${candidateStrategies.join(', ')}`), 'baseline_first_bounded_product'),
	resume: v.optional(v.boolean(), false),
	output_dir: optionalText,
	strategy: v.optional(v.picklist(searchStrategies, `must be one of: ${searchStrategies.join(', ')}`), 'exhaustive'),
	// Adaptive: launch candidates the memory model says cannot fit anyway (their rows then show why they failed).
	run_infeasible: v.optional(v.boolean(), false),
	// Adaptive: requests per probe (default: half of dataset.num_prompts, at least 8).
	probe_prompts: v.optional(positiveInteger),
});

export const FrameworkSectionSchema = v.object({
	enabled: v.optional(v.boolean(), true),
	server_command: v.optional(v.union([v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty')), v.array(v.string())])),
	config_source: optionalText,
	backend_policy: optionalText,
	notes: optionalText,
	base_server_flags: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
	search_space: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
});

export const VersionManifestEntrySchema = v.record(v.string(), v.unknown());

/** Top level: the entries' schemas are only used to list the valid keys; sections parse alone. */
export const topLevelSections = {
	schema_version: v.literal(1, 'must be 1'),
	source: SourceSchema,
	model: ModelSchema,
	version_manifest: v.record(v.string(), VersionManifestEntrySchema),
	hardware: HardwareSchema,
	dataset: DatasetSchema,
	benchmark: BenchmarkSchema,
	sla: SlaSchema,
	search: SearchSchema,
	frameworks: v.record(v.string(), FrameworkSectionSchema),
} as const;

export type RawModel = v.InferOutput<typeof ModelSchema>;
export type RawHardware = v.InferOutput<typeof HardwareSchema>;
export type RawDataset = v.InferOutput<typeof DatasetSchema>;
export type RawBenchmark = v.InferOutput<typeof BenchmarkSchema>;
export type RawSearch = v.InferOutput<typeof SearchSchema>;
export type RawFramework = v.InferOutput<typeof FrameworkSectionSchema>;
