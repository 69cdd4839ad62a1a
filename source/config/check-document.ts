import * as v from 'valibot';
import {checkDataset} from './check-dataset.js';
import {checkFrameworks} from './check-frameworks.js';
import type {IssueSink} from './issue-sink.js';
import {readMaxPositionEmbeddings} from './model-config.js';
import {parseSection} from './parse-section.js';
import type {Plan} from './plan.js';
import {BenchmarkSchema, DatasetSchema, HardwareSchema, ModelSchema, SearchSchema, SlaSchema, SourceSchema, topLevelSections} from './raw-schemas.js';
import {validateSlaKeys} from './sla-keys.js';
import {choiceProblem, gpuIdsProblem, precisions, quantizations} from './model-choices.js';
import {checkUnknownKeys, isMapping, reportUnknown} from './unknown-keys.js';
import type {YamlSource} from './yaml-source.js';

const defaultBudget = 8;

/**
 * Every check of docs/config.md on one parsed file. Returns the Plan only when no error was found; the
 * sink holds all problems (errors and warnings) either way.
 */
export async function checkDocument(source: YamlSource, sink: IssueSink, baseDir: string): Promise<Plan | null> {
	if (source.syntaxErrors.length > 0) {
		for (const {line, message} of source.syntaxErrors) {
			sink.brokenYaml(line, message);
		}

		return null;
	}

	let data: unknown;
	try {
		data = source.data();
	} catch (error) {
		// The yaml library refuses alias bombs (an alias expanding into millions of nodes) here.
		sink.error([], `cannot expand the YAML: ${(error as Error).message} (too many alias references: write the values out)`);
		return null;
	}

	if (data === null || data === undefined) {
		sink.error([], 'the file is empty: expected a mapping with model, dataset, benchmark, search and frameworks');
		return null;
	}

	if (!isMapping(data)) {
		sink.error([], `expected a mapping with model, dataset, benchmark, search and frameworks, got ${Array.isArray(data) ? 'a list' : typeof data}`);
		return null;
	}

	const shape = 'schema_version' in data ? 'cookbook' : 'runtime';
	reportUnknown(sink, data, Object.keys(topLevelSections), []);
	for (const key of ['source', 'model', 'hardware', 'dataset', 'benchmark', 'search'] as const) {
		checkUnknownKeys(sink, data[key], topLevelSections[key], [key]);
	}

	if (shape === 'cookbook') {
		parseSection(sink, topLevelSections.schema_version, data.schema_version, ['schema_version']);
		const sourceSection = parseSection(sink, v.optional(SourceSchema), data.source, ['source']);
		if (sourceSection?.kind === undefined) {
			sink.error(['source', 'kind'], "is required in a cookbook config: 'llm_serving_cookbook'");
		}
	}

	const model = required(sink, 'model', data.model, 'a mapping with at least name: <model id or local dir>')
		? parseSection(sink, ModelSchema, data.model, ['model'])
		: null;
	const hardware = parseSection(sink, HardwareSchema, data.hardware ?? {}, ['hardware']);
	const rawDataset = required(sink, 'dataset', data.dataset, 'a mapping with input_len and output_len')
		? parseSection(sink, DatasetSchema, data.dataset, ['dataset'])
		: null;
	const dataset = rawDataset ? checkDataset(sink, rawDataset) : null;
	const benchmark = parseSection(sink, v.omit(BenchmarkSchema, ['sla']), data.benchmark ?? {}, ['benchmark']);
	const search = parseSection(sink, SearchSchema, data.search ?? {}, ['search']);
	const manifest =
		data.version_manifest === undefined ? null : parseSection(sink, topLevelSections.version_manifest, data.version_manifest, ['version_manifest']);

	const rawBenchmark = isMapping(data.benchmark) ? data.benchmark : {};
	const rawSla = data.sla ?? rawBenchmark.sla;
	const slaPath = data.sla === undefined ? ['benchmark', 'sla'] : ['sla'];
	if (data.sla !== undefined && rawBenchmark.sla !== undefined) {
		sink.error(['sla'], 'the SLA is given twice (top-level sla and benchmark.sla); keep one');
	}

	const sla = rawSla === undefined || rawSla === null ? {} : parseSection(sink, SlaSchema, rawSla, slaPath);
	if (sla) {
		validateSlaKeys(sink, sla, slaPath);
	}

	if (Object.keys(sla ?? {}).length === 0 && sink.errorCount === 0) {
		sink.warn(slaPath, 'no SLA bounds: every finished candidate passes; set e.g. max_p99_ttft_ms and min_success_rate');
	}

	// Same rules as the guided inputs' pickers (model-choices.ts).
	for (const [key, allowed] of [
		['precision', precisions],
		['quantization', quantizations],
	] as const) {
		const value = model?.[key];
		const problem = typeof value === 'string' ? choiceProblem(key, value, allowed) : null;
		if (problem) sink.error(['model', key], problem);
	}

	const repeatedGpu = hardware?.gpu_ids ? gpuIdsProblem(hardware.gpu_ids) : null;
	if (repeatedGpu) sink.error(['hardware', 'gpu_ids'], repeatedGpu);

	// More ids than gpu_count are a pool for candidates in parallel (recipe `parallel`, docs/placement.md): whole slots only.
	if (hardware?.gpu_ids && (hardware.gpu_ids.length < hardware.gpu_count || hardware.gpu_ids.length % hardware.gpu_count !== 0)) {
		sink.error(
			['hardware', 'gpu_ids'],
			`lists ${hardware.gpu_ids.length} GPU ids but gpu_count is ${hardware.gpu_count}: list gpu_count ids, or a multiple of it to run candidates in parallel`,
		);
	}

	if (benchmark && benchmark.qps.lower > benchmark.qps.upper) {
		sink.error(['benchmark', 'qps', 'lower'], `must not exceed qps.upper (${benchmark.qps.upper}), got ${benchmark.qps.lower}`);
	}

	const concurrency = benchmark?.max_concurrency;
	if (Array.isArray(concurrency) && concurrency.length === 0) {
		sink.error(['benchmark', 'max_concurrency'], 'needs at least one value; use [null] for no cap');
	}

	if (search && search.max_candidates_per_framework === undefined && shape === 'cookbook') {
		sink.error(['search', 'max_candidates_per_framework'], 'is required in a cookbook config: a positive integer candidate budget per framework');
	}

	const maxPositionEmbeddings = model ? (model.max_position_embeddings ?? (await readMaxPositionEmbeddings(model.name, baseDir))) : null;
	const frameworks = checkFrameworks(
		sink,
		{shape, scenarios: dataset?.scenarios ?? [], maxPositionEmbeddings},
		data.frameworks,
		isMapping(manifest) ? manifest : null,
	);

	if (sink.errorCount > 0 || !model || !hardware || !dataset || !benchmark || !search || !sla || !frameworks) {
		return null;
	}

	return {
		sourceFile: source.file,
		shape,
		model: {
			name: model.name,
			tokenizer: model.tokenizer ?? benchmark.tokenizer ?? null,
			precision: model.precision ?? null,
			quantization: model.quantization ?? null,
			maxPositionEmbeddings,
		},
		hardware: {gpuModel: hardware.gpu_model ?? null, gpuCount: hardware.gpu_count, gpuIds: hardware.gpu_ids ?? null, multiNode: hardware.multi_node},
		dataset: dataset.spec,
		scenarios: dataset.scenarios,
		benchmark: {
			endpoint: benchmark.endpoint,
			backend: benchmark.backend ?? null,
			maxConcurrency: concurrency === undefined || concurrency === null ? [null] : Array.isArray(concurrency) ? concurrency : [concurrency],
			requestRates: benchmark.request_rates?.map(rate => (rate === 'inf' ? Number.POSITIVE_INFINITY : rate)) ?? null,
			qps: {
				lower: benchmark.qps.lower,
				upper: benchmark.qps.upper,
				tolerance: benchmark.qps.tolerance,
				maxRounds: benchmark.qps.max_rounds,
				extraBatches: benchmark.qps.extra_batches,
			},
			extraRequestBody: benchmark.extra_request_body,
			warmupRequests: benchmark.warmup_requests,
			repeats: benchmark.repeats,
		},
		sla,
		search: {
			tier: search.tier ?? null,
			maxCandidatesPerFramework: search.max_candidates_per_framework ?? defaultBudget,
			candidateGeneration: search.candidate_generation,
			resume: search.resume,
			outputDir: search.output_dir ?? benchmark.output_dir ?? null,
			strategy: search.strategy,
			runInfeasible: search.run_infeasible,
			probePrompts: search.probe_prompts ?? null,
		},
		frameworks,
		warnings: sink.issues.filter(issue => issue.severity === 'warning').map(issue => `${issue.path}: ${issue.message}`),
	};
}

function required(sink: IssueSink, key: string, value: unknown, what: string): boolean {
	if (value === undefined || value === null) {
		sink.error([key], `is required: ${what}`);
		return false;
	}

	return true;
}
