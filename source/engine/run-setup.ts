import type {Plan} from '../config/plan.js';
import type {Manifest} from '../results/manifest.js';
import type {ResultRow} from '../results/result-row.js';
import type {Placer} from '../executors/placement.js';
import type {RowContext} from './build-row.js';
import type {FrameworkPreflight, PreflightResult, RunBase, RunEnvironment} from './run-context.js';
import {mergeScenarioNotes} from './save-workloads.js';

const gpuKeys = ['tp_size', 'tensor_parallel_size', 'tp'];

function gpusUsed(flags: Readonly<Record<string, unknown>>): number | null {
	const tp = gpuKeys.map(k => flags[k]).find(v => typeof v === 'number') as number | undefined;
	const pp = ['pp_size', 'pipeline_parallel_size'].map(k => flags[k]).find(v => typeof v === 'number') as number | undefined;
	const dp = ['dp_size', 'data_parallel_size'].map(k => flags[k]).find(v => typeof v === 'number') as number | undefined;
	return tp === undefined ? null : tp * (pp ?? 1) * (dp ?? 1);
}

/** docs/result-rows.md normalization: what was held equal across frameworks, and honest notes where not. */
export function normalizationFor(
	context: Pick<RunEnvironment, 'gpuIds' | 'plan' | 'workloads' | 'simulated'>,
	prep: FrameworkPreflight,
): NonNullable<ResultRow['normalization']> {
	const framework = prep.plan.name;
	const notes: string[] = [];
	const used = gpusUsed(prep.plan.baseFlags);
	const perCandidate = context.plan.hardware.gpuCount;
	const sameCount = used === null || used === perCandidate;
	if (!sameCount) notes.push(`${framework} baseline uses ${used} GPU(s) of the ${perCandidate} requested`);
	const weights = prep.plan.baseFlags.model_path ?? prep.plan.baseFlags.model;
	const sameWeights = weights === undefined || weights === context.plan.model.name;
	if (!sameWeights) notes.push(`${framework} loads ${String(weights)} instead of ${context.plan.model.name}`);
	const tokenizer = prep.plan.baseFlags.tokenizer ?? prep.plan.baseFlags.tokenizer_path;
	const sameTokenizer = tokenizer === undefined || tokenizer === (context.plan.model.tokenizer ?? context.plan.model.name);
	if (!sameTokenizer) notes.push(`${framework} uses tokenizer ${String(tokenizer)}`);
	notes.push(...mergeScenarioNotes(new Map([...context.workloads].map(([name, w]) => [name, w.notes]))));
	if (context.simulated) notes.push('simulated GPU box: figures are plausible, not real');
	return {same_gpu_count: sameCount, same_model_weights: sameWeights, same_tokenizer: sameTokenizer, same_endpoint: true, same_workload_hash: true, notes};
}

/** The context every row of one framework shares, once preflight knows versions and help files. */
function rowContextFor(context: Omit<RunEnvironment, 'frameworks'>, prep: FrameworkPreflight): RowContext {
	return {
		runId: context.runId,
		plan: context.plan,
		framework: prep.plan.name,
		frameworkVersion: prep.version,
		frameworkCommit: prep.commit,
		hardware: {
			gpu_model: context.gpuModel ?? context.plan.hardware.gpuModel,
			gpu_count: context.plan.hardware.gpuCount,
			visible_devices: context.gpuIds.join(','),
			simulated: context.simulated,
		},
		workloads: Object.fromEntries(
			[...context.workloads].map(([scenario, w]) => [
				scenario,
				{datasetPath: w.file, sha256: w.sha256, synthetic: w.synthetic, kind: context.plan.dataset.kind},
			]),
		),
		normalization: normalizationFor(context, prep),
		serverHelp: prep.helpFile,
		benchmarkHelp: prep.benchmarkHelpFile,
	};
}

/** The run's read-only environment: what it was given and what preflight returned, with each framework's row context. */
export function composeEnvironment(base: RunBase, found: PreflightResult, placer: Placer): RunEnvironment {
	const {ok: _ok, frameworks, ...facts} = found;
	// The plan's warnings first; a workload note that repeats one is said once.
	const notes = [...base.plan.warnings, ...found.notes.filter(note => !base.plan.warnings.includes(note))];
	const environment = {...base, ...facts, notes, placer};
	return {...environment, frameworks: new Map([...frameworks].map(([name, prep]) => [name, {...prep, rowContext: rowContextFor(environment, prep)}]))};
}

/** A rough wall-clock estimate for plan-ready (servers start, each search round, the burst). */
export function estimateSeconds(plan: Plan, candidates: number, timeScale: number, simulated: boolean): number {
	const meanRate = (plan.benchmark.qps.lower + plan.benchmark.qps.upper) / 2;
	const rounds = Math.min(5, plan.benchmark.qps.maxRounds) * 0.8 + 1;
	// Each round sends its prompts, then waits for the last answers to stream out (~15 ms a token).
	const drainS = Math.max(...plan.scenarios.map(s => s.outputLen)) * 0.015;
	const perJob = rounds * (plan.dataset.numPrompts / Math.max(meanRate, 0.1) + drainS);
	const jobs = plan.scenarios.length * plan.benchmark.maxConcurrency.length;
	const startup = simulated ? 3 : 180;
	return Math.round(candidates * (startup + jobs * perJob * timeScale));
}

/** The manifest (docs/artifacts.md); its shape is what the report reads as context. */
export function manifestFor(context: RunEnvironment): Manifest {
	return {
		run_id: context.runId,
		run_dir: context.artifacts.runDir,
		plan_file: context.plan.sourceFile,
		recipe: context.recipe.file ?? context.recipe.name,
		model: context.plan.model.name,
		simulated: context.simulated,
		hardware: {
			gpu_model: context.gpuModel ?? context.plan.hardware.gpuModel,
			gpu_count: context.plan.hardware.gpuCount,
			visible_devices: context.gpuIds.join(','),
			driver_version: context.driverVersion,
			cuda_version: context.cudaVersion,
		},
		frameworks: Object.fromEntries(
			[...context.frameworks].map(([name, prep]) => [
				name,
				{
					version: prep.version,
					commit: prep.commit,
					image: context.recipe.recipe.frameworks?.[name]?.image ?? ('image' in context.recipe.recipe ? context.recipe.recipe.image : null) ?? null,
					python_env: context.deps.env.VIRTUAL_ENV ?? context.deps.env.CONDA_PREFIX ?? null,
					// Where it ran: the recipe kind, the GPUs it saw, the driver they report (docs/artifacts.md).
					recipe_kind: context.recipe.recipe.kind,
					visible_devices: context.gpuIds.join(','),
					driver_version: context.driverVersion,
					cuda_version: context.cudaVersion,
					// Not queried: no framework-neutral way to ask; null rather than a guess.
					nccl_version: null,
					extra_launch_flags: prep.extraLaunchFlags ?? {},
					server_help: prep.helpFile,
					benchmark_help: prep.benchmarkHelpFile,
					accepted_flags: Object.fromEntries([...prep.acceptedFlags].map(([id, flags]) => [id, [...flags]])),
					unsupported: prep.unsupported,
					planned_candidates: prep.candidates.length,
					rejected: prep.rejected.map(r => ({flags: r.flags, reason: r.reason})),
				},
			]),
		),
		sla: context.plan.sla,
		workload: {
			kind: context.plan.dataset.kind,
			endpoint: context.plan.benchmark.endpoint,
			num_prompts: context.plan.dataset.numPrompts,
			synthetic: [...context.workloads.values()].some(w => w.synthetic),
			scenarios: context.plan.scenarios.map(s => ({
				name: s.name,
				input_len: s.inputLen,
				output_len: s.outputLen,
				sha256: context.workloads.get(s.name)?.sha256 ?? null,
				file: context.workloads.get(s.name)?.file ?? null,
			})),
			qps: {
				lower: context.plan.benchmark.qps.lower,
				upper: context.plan.benchmark.qps.upper,
				tolerance: context.plan.benchmark.qps.tolerance,
				max_rounds: context.plan.benchmark.qps.maxRounds,
			},
		},
		notes: [...context.notes],
	};
}
