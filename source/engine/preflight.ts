import fs from 'node:fs';
import {generateCandidates} from '../plan/generate-candidates.js';
import {configuredFramework, frameworkAdapter, frameworkLabel} from '../frameworks/registry.js';
import type {FrameworkPlan} from '../config/plan.js';
import {check} from './preflight-check.js';
import {captureHelpAndValidate} from './capture-help.js';
import {loadProblems, queryGpuLoad} from './gpu-load.js';
import {busyGpuProblems, parseCudaVersion, queryGpus} from './gpu-query.js';
import {freePort, portInUse} from './free-port.js';
import type {FrameworkPreflight, PreflightResult, RunBase, ScenarioWorkload} from './run-context.js';
import {ensureImage, usesImages} from './image-pull.js';
import {prefetchWeights} from './weight-prefetch.js';
import {saveWorkloads} from './save-workloads.js';

/** The server command after the recipe's per-framework override. */
export function serverCommandFor(context: Pick<RunBase, 'recipe'>, framework: FrameworkPlan): readonly string[] {
	return context.recipe.recipe.frameworks?.[framework.name]?.server_command ?? framework.serverCommand;
}

/** What a GPU check saw of the first GPU (the manifest's model and driver). */
export type GpuCheck = {
	readonly ok: boolean;
	readonly gpuModel: string | null;
	readonly driverVersion: string | null;
	readonly gpuNames: ReadonlyMap<number, string>;
};

/** Requested GPUs, checked right before each framework too: a busy GPU stops the run. */
export async function checkGpus(context: RunBase, id: string): Promise<GpuCheck> {
	let seen: Omit<GpuCheck, 'ok'> = {gpuModel: null, driverVersion: null, gpuNames: new Map()};
	const result = await check(context.bus, id, `GPUs ${context.gpuIds.join(', ')} present and idle (nvidia-smi)`, async () => {
		const snapshot = await queryGpus(context.executor);
		if (snapshot.error)
			return {status: 'failed', detail: snapshot.error, hint: 'Install the NVIDIA driver or run on a GPU host (or try `llm-bench-tui demo`).'};
		const first = snapshot.gpus[0];
		seen = {gpuModel: first?.name ?? null, driverVersion: first?.driverVersion ?? null, gpuNames: new Map(snapshot.gpus.map(gpu => [gpu.index, gpu.name]))};
		const listed = busyGpuProblems(snapshot, context.gpuIds);
		// The process list alone misses other containers' processes: memory and utilisation too.
		const loads = await queryGpuLoad(context.executor);
		const load = loads
			? loadProblems(loads, context.gpuIds)
			: {problems: [], unknowns: ['memory/utilisation query not answered; judged by the process list only']};
		const busy = new Set(listed.map(problem => /^GPU (\d+)/.exec(problem)?.[1]));
		const problems = [...listed, ...load.problems.filter(problem => !busy.has(/^GPU (\d+)/.exec(problem)?.[1]))];
		if (problems.length > 0) {
			return {
				status: 'failed',
				detail: problems.join('; '),
				hint: 'Stop the process holding the GPU, disable MIG, or request other GPU ids (hardware.gpu_ids); a different GPU count is not a fair comparison.',
			};
		}

		if (load.unknowns.length > 0)
			return {status: 'warning', detail: `${context.gpuIds.length} × ${first?.name ?? 'GPU'} free by memory; ${load.unknowns.join('; ')}`};
		return {status: 'passed', detail: `${context.gpuIds.length} × ${first?.name ?? 'GPU'} idle`};
	});
	return {ok: result.status !== 'failed', ...seen};
}

/** The framework's version and commit: its version command, else the plan's version manifest. */
async function frameworkVersion(context: RunBase, framework: FrameworkPlan): Promise<{version: string | null; commit: string | null}> {
	const {runtime} = configuredFramework(framework);
	let version: string | null = null;
	let commit: string | null = null;
	if (runtime.versionCommand !== null) {
		const result = await context.executor.run(runtime.versionCommand, {framework: framework.name, timeoutMs: 60_000, gpuIds: context.gpuIds});
		// The last bare version line: image banners and warnings print their own x.y first.
		const fromStdout = runtime.parseVersion(result.stdout);
		const parsed = fromStdout.version ? fromStdout : runtime.parseVersion(result.stderr);
		version = result.code === 0 ? parsed.version : null;
		commit = fromStdout.commit ?? parsed.commit;
	}

	const manifest = framework.versionManifest;
	version ??= typeof manifest?.package_version === 'string' ? manifest.package_version : null;
	commit ??= typeof manifest?.git_commit === 'string' ? manifest.git_commit : null;
	return {version, commit};
}

/**
 * Seed Workflow 1 before any search: output dir, GPUs, per-framework help/flags/version, sequence
 * coverage, ports, workload. Returns what it learned; `ok` is false when the run must stop (the
 * failing check says why). Nothing is filled in place: start-session composes the result.
 */
export async function preflight(context: RunBase): Promise<PreflightResult> {
	const {bus, plan, artifacts} = context;
	const frameworks = new Map<string, FrameworkPreflight>();
	let workloads: ReadonlyMap<string, ScenarioWorkload> = new Map();
	let notes: readonly string[] = [];
	let gpu: GpuCheck = {ok: false, gpuModel: null, driverVersion: null, gpuNames: new Map()};
	let cudaVersion: string | null = null;
	const result = (ok: boolean): PreflightResult => ({
		ok,
		frameworks,
		workloads,
		notes,
		gpuNames: gpu.gpuNames,
		gpuModel: gpu.gpuModel,
		driverVersion: gpu.driverVersion,
		cudaVersion,
	});
	const writable = await check(bus, 'output-dir', `Output directory writable (${artifacts.runDir})`, async () => {
		try {
			const probe = artifacts.path('.write-probe');
			fs.writeFileSync(probe, 'ok');
			fs.rmSync(probe);
			return {status: 'passed'};
		} catch (error) {
			return {status: 'failed', detail: (error as Error).message, hint: 'Pass --output-dir to a writable directory.'};
		}
	});
	if (writable.status !== 'passed') return result(false);
	gpu = await checkGpus(context, 'gpus');
	if (!gpu.ok) return result(false);
	const banner = await context.executor.run(['nvidia-smi'], {framework: null, timeoutMs: 20_000});
	cudaVersion = parseCudaVersion(banner.stdout);
	// The weights before any framework step, under their own limit: a download must not eat readiness.
	const weights = await check(bus, 'weights', `Model weights in the HF cache (${plan.model.name})`, progress => prefetchWeights(context, progress));
	if (weights.status === 'failed') return result(false);

	for (const framework of plan.frameworks.filter(f => f.enabled)) {
		const {candidates, rejected} = generateCandidates(plan, framework);
		const base: FrameworkPreflight = {
			plan: framework,
			candidates,
			rejected,
			unsupported: null,
			candidateProblems: new Map(),
			acceptedFlags: new Map(),
			version: null,
			commit: null,
			helpFile: null,
			benchmarkHelpFile: null,
		};
		frameworks.set(framework.name, base);
		const label = frameworkLabel(framework.name);
		// The image first, under its own limit: a pull must not eat the help or readiness budget.
		const pulled = usesImages(context.recipe.recipe)
			? await check(bus, `image-${framework.name}`, `${label}: image present`, async progress => {
					const outcome = await ensureImage(context, framework.name, progress);
					return outcome.status === 'skipped' ? {status: 'passed', detail: outcome.detail} : outcome;
				})
			: null;
		if (pulled?.status === 'failed') {
			frameworks.set(framework.name, {...base, unsupported: `image not available for ${framework.name}`});
			continue;
		}

		const help = await check(bus, `help-${framework.name}`, `${label}: --help captured, flags validated`, async () => {
			const {outcome, findings} = await captureHelpAndValidate(context, base, serverCommandFor(context, framework));
			return {...outcome, value: findings};
		});
		const helped: FrameworkPreflight = {...base, ...help.value};
		frameworks.set(framework.name, helped);
		if (helped.unsupported) continue;
		const version = await check(bus, `version-${framework.name}`, `${label}: version`, async () => {
			const found = await frameworkVersion(context, framework);
			return found.version
				? {status: 'passed', detail: `${found.version}${found.commit ? ` (${found.commit})` : ''}`, value: found}
				: {
						status: 'warning',
						detail: 'version could not be read',
						hint: `Set version_manifest.${framework.name}.package_version in the plan.`,
						value: found,
					};
		});
		frameworks.set(framework.name, {...helped, ...version.value});
	}

	await check(bus, 'sequence-coverage', 'Sequence limits cover every scenario', async () => {
		const need = Math.max(...plan.scenarios.map(s => s.inputLen + s.outputLen));
		const short: string[] = [];
		for (const [name, prep] of frameworks) {
			const keys = frameworkAdapter(prep.plan.name).config.sequenceLimitKeys;
			const problems = new Map(prep.candidateProblems);
			for (const candidate of prep.candidates) {
				const key = keys.find(k => typeof candidate.flags[k] === 'number');
				const limit = key ? (candidate.flags[key] as number) : null;
				if (limit !== null && limit < need && !problems.has(candidate.id)) {
					problems.set(candidate.id, `sequence limit ${key}=${limit} < ${need} (largest input_len + output_len)`);
					short.push(candidate.id);
				}
			}

			frameworks.set(name, {...prep, candidateProblems: problems});
		}

		const warnings = plan.warnings.filter(w => /sequence|coverage|context|max_model_len|max_seq_len/i.test(w));
		if (short.length > 0)
			return {
				status: 'warning',
				detail: `too small for ${need} tokens: ${short.join(', ')} (skipped)`,
				hint: 'Raise the sequence limit to at least input_len + output_len.',
			};
		return warnings.length > 0 ? {status: 'warning', detail: warnings.join('; ')} : {status: 'passed', detail: `every candidate covers ${need} tokens`};
	});

	const ports = await check(bus, 'ports', 'Free ports for servers', async () => {
		const port = await freePort(context.executor.kind === 'ssh' ? '127.0.0.1' : context.executor.bindHost);
		return (await portInUse(port))
			? {status: 'failed', detail: `port ${port} is taken`, hint: 'Free some local ports.'}
			: {status: 'passed', detail: 'ports are allocated per candidate'};
	});
	if (ports.status === 'failed') return result(false);
	const workload = await check(bus, 'workload', 'Canonical workload materialized and hashed', async () => {
		const saved = await saveWorkloads(context);
		return saved.status === 'failed' ? saved : {...saved, value: saved};
	});
	if (workload.value) ({workloads, notes} = workload.value);
	return result(workload.status !== 'failed');
}
