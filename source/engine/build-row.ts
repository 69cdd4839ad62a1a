import type {Candidate, Plan, Scenario} from '../config/plan.js';
import type {Metrics, ResultRow, RowStatus, SkipCause} from '../results/result-row.js';
import type {loadModes} from '../results/result-row.js';
import type {Statistics} from '../results/statistics-block.js';
import type {Placement} from '../executors/placement.js';

/** Everything a row needs that does not change between rows of one framework. */
export type RowContext = {
	readonly runId: string;
	readonly plan: Plan;
	readonly framework: string;
	readonly frameworkVersion: string | null;
	readonly frameworkCommit: string | null;
	readonly hardware: NonNullable<ResultRow['hardware']>;
	readonly workloads: Readonly<Record<string, {datasetPath: string | null; sha256: string | null; synthetic: boolean | null; kind: string | null}>>;
	readonly normalization: NonNullable<ResultRow['normalization']>;
	readonly serverHelp: string | null;
	readonly benchmarkHelp: string | null;
};

export type RowInput = {
	readonly candidate: Candidate;
	readonly scenario: Scenario;
	readonly maxConcurrency: number | null;
	readonly loadMode: (typeof loadModes)[number];
	readonly status: RowStatus;
	readonly failureReason?: string | null;
	readonly cause?: SkipCause;
	readonly requestRate?: number | 'inf' | null;
	readonly numPrompts?: number | null;
	readonly metrics?: Metrics | null;
	readonly sla?: {passed: boolean | null; failures: string[]; undecided?: true; undecided_reasons?: string[]} | null;
	readonly statistics?: Statistics | null;
	readonly qpsRounds?: ResultRow['qps_rounds'];
	readonly serverCommand?: string | null;
	readonly deployCommand?: string | null;
	readonly commandsNote?: string | null;
	readonly benchmarkCommand?: string | null;
	readonly validatedServerFlags?: readonly string[] | null;
	readonly serverLog?: string | null;
	readonly rawResult?: string | null;
	readonly serverMetrics?: ResultRow['server_metrics'];
	readonly gpuTelemetry?: ResultRow['gpu_telemetry'];
	readonly cache?: ResultRow['cache'];
	/**
	 * The load client's caveats about how this row's figures were obtained (output tokens counted as
	 * content chunks when the server sent no usage): added to `normalization.notes`.
	 */
	readonly measurementNotes?: readonly string[];
	/** Where the candidate ran: its GPUs replace the plan's in `hardware`, `where`/`job_id` say the place. */
	readonly placement?: Pick<Placement, 'where' | 'gpuIds' | 'jobId'>;
};

export function buildRow(context: RowContext, input: RowInput): ResultRow {
	const {plan, candidate, scenario} = {plan: context.plan, ...input};
	const workload = context.workloads[scenario.name];
	return {
		run_id: context.runId,
		framework: context.framework,
		framework_version: context.frameworkVersion,
		framework_commit: context.frameworkCommit,
		candidate_id: candidate.id,
		model: plan.model.name,
		status: input.status,
		failure_reason: input.failureReason ?? null,
		...(input.cause ? {cause: input.cause} : {}),
		hardware: input.placement ? {...context.hardware, visible_devices: input.placement.gpuIds.join(',')} : context.hardware,
		...(input.placement ? {where: input.placement.where} : {}),
		...(input.placement?.jobId ? {job_id: input.placement.jobId} : {}),
		workload: {
			kind: workload?.kind ?? plan.dataset.kind,
			scenario: scenario.name,
			dataset_path: workload?.datasetPath ?? null,
			dataset_sha256: workload?.sha256 ?? null,
			input_len: scenario.inputLen,
			output_len: scenario.outputLen,
			num_prompts: input.numPrompts ?? plan.dataset.numPrompts,
			request_rate: input.requestRate ?? null,
			max_concurrency: input.maxConcurrency,
			endpoint: plan.benchmark.endpoint,
			load_mode: input.loadMode,
			synthetic: workload?.synthetic ?? null,
		},
		sla: input.sla ? {...plan.sla, ...input.sla} : {...plan.sla, passed: null, failures: null},
		metrics: input.metrics ?? null,
		...(input.statistics ? {statistics: input.statistics} : {}),
		qps_rounds: input.qpsRounds ?? null,
		spec_decode: null,
		phase_metrics: null,
		cache: input.cache ?? null,
		memory: null,
		normalization: withNotes(context.normalization, input.measurementNotes ?? []),
		...(input.serverMetrics === undefined ? {} : {server_metrics: input.serverMetrics}),
		...(input.gpuTelemetry === undefined ? {} : {gpu_telemetry: input.gpuTelemetry}),
		flags: {...candidate.flags},
		server_command: input.serverCommand ?? null,
		...(input.deployCommand ? {deploy_command: input.deployCommand} : {}),
		...(input.commandsNote ? {commands_note: input.commandsNote} : {}),
		benchmark_command: input.benchmarkCommand ?? null,
		validated_cli_flags: {server: input.validatedServerFlags ? [...input.validatedServerFlags] : null, benchmark: null},
		artifacts: {
			server_log: input.serverLog ?? null,
			raw_result: input.rawResult ?? null,
			server_help: context.serverHelp,
			benchmark_help: context.benchmarkHelp,
		},
	};
}

/**
 * The client's notes that qualify a row's figures. An abort's counts are left out: a round cut
 * short by saturation says so in its saturation block, and the counts would make every such row's
 * caveat a different line in the report.
 */
export const measurementNotesOf = (summary: {readonly notes?: readonly string[]}): string[] =>
	(summary.notes ?? []).filter(note => !note.startsWith('aborted'));

function withNotes(normalization: RowContext['normalization'], extra: readonly string[]): RowContext['normalization'] {
	const known = normalization.notes ?? [];
	const added = extra.filter((note, index) => !known.includes(note) && extra.indexOf(note) === index);
	return added.length > 0 ? {...normalization, notes: [...known, ...added]} : normalization;
}
