import fs from 'node:fs';
import {generateCandidates} from '../plan/generate-candidates.js';
import {configuredFramework, frameworkAdapter, frameworkLabel} from '../frameworks/registry.js';
import type {FrameworkPlan} from '../config/plan.js';
import {check} from './preflight-check.js';
import {captureHelpAndValidate} from './capture-help.js';
import {loadProblems, queryGpuLoad} from './gpu-load.js';
import {busyGpuProblems, parseCudaVersion, queryGpus} from './gpu-query.js';
import {freePort, portInUse} from './free-port.js';
import type {FrameworkPrep, RunContext} from './run-context.js';
import {ensureImage, usesImages} from './image-pull.js';
import {saveWorkloads} from './save-workloads.js';

/** The server command after the recipe's per-framework override. */
export function serverCommandFor(context: RunContext, framework: FrameworkPlan): readonly string[] {
	return context.recipe.recipe.frameworks?.[framework.name]?.server_command ?? framework.serverCommand;
}

/** Requested GPUs, checked right before each framework too: a busy GPU stops the run. */
export async function checkGpus(context: RunContext, id: string): Promise<boolean> {
	const result = await check(context.bus, id, `GPUs ${context.gpuIds.join(', ')} present and idle (nvidia-smi)`, async () => {
		const snapshot = await queryGpus(context.executor);
		if (snapshot.error)
			return {status: 'failed', detail: snapshot.error, hint: 'Install the NVIDIA driver or run on a GPU host (or try `llm-bench-tui demo`).'};
		const first = snapshot.gpus[0];
		context.gpuModel ??= first?.name ?? null;
		context.driverVersion ??= first?.driverVersion ?? null;
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
	return result.status !== 'failed';
}

async function frameworkVersion(context: RunContext, prep: FrameworkPrep): Promise<void> {
	const {runtime} = configuredFramework(prep.plan);
	if (runtime.versionCommand !== null) {
		const result = await context.executor.run(runtime.versionCommand, {framework: prep.plan.name, timeoutMs: 60_000, gpuIds: context.gpuIds});
		// The last bare version line: image banners and warnings print their own x.y first.
		const fromStdout = runtime.parseVersion(result.stdout);
		const parsed = fromStdout.version ? fromStdout : runtime.parseVersion(result.stderr);
		prep.version = result.code === 0 ? parsed.version : null;
		prep.commit = fromStdout.commit ?? parsed.commit;
	}

	const manifest = prep.plan.versionManifest;
	prep.version ??= typeof manifest?.package_version === 'string' ? manifest.package_version : null;
	prep.commit ??= typeof manifest?.git_commit === 'string' ? manifest.git_commit : null;
}

/**
 * Seed Workflow 1 before any search: output dir, GPUs, per-framework help/flags/version, sequence
 * coverage, ports, workload. Returns false when the run must stop (the failing check says why).
 */
export async function preflight(context: RunContext): Promise<boolean> {
	const {bus, plan, artifacts} = context;
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
	if (writable.status !== 'passed') return false;
	if (!(await checkGpus(context, 'gpus'))) return false;
	const banner = await context.executor.run(['nvidia-smi'], {framework: null, timeoutMs: 20_000});
	context.cudaVersion = parseCudaVersion(banner.stdout);

	for (const framework of plan.frameworks.filter(f => f.enabled)) {
		const {candidates, rejected} = generateCandidates(plan, framework);
		const prep: FrameworkPrep = {
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
			rowContext: null,
		};
		context.frameworks.set(framework.name, prep);
		const label = frameworkLabel(framework.name);
		// The image first, under its own limit: a pull must not eat the help or readiness budget.
		const pulled = usesImages(context.recipe.recipe)
			? await check(bus, `image-${framework.name}`, `${label}: image present`, async () => {
					const outcome = await ensureImage(context, framework.name);
					return outcome.status === 'skipped' ? {status: 'passed', detail: outcome.detail} : outcome;
				})
			: null;
		if (pulled?.status === 'failed') {
			prep.unsupported = `image not available for ${framework.name}`;
			continue;
		}

		await check(bus, `help-${framework.name}`, `${label}: --help captured, flags validated`, async () =>
			captureHelpAndValidate(context, prep, serverCommandFor(context, framework)),
		);
		if (prep.unsupported) continue;
		await check(bus, `version-${framework.name}`, `${label}: version`, async () => {
			await frameworkVersion(context, prep);
			return prep.version
				? {status: 'passed', detail: `${prep.version}${prep.commit ? ` (${prep.commit})` : ''}`}
				: {status: 'warning', detail: 'version could not be read', hint: `Set version_manifest.${framework.name}.package_version in the plan.`};
		});
	}

	await check(bus, 'sequence-coverage', 'Sequence limits cover every scenario', async () => {
		const need = Math.max(...plan.scenarios.map(s => s.inputLen + s.outputLen));
		const short: string[] = [];
		for (const prep of context.frameworks.values()) {
			const keys = frameworkAdapter(prep.plan.name).config.sequenceLimitKeys;
			for (const candidate of prep.candidates) {
				const key = keys.find(k => typeof candidate.flags[k] === 'number');
				const limit = key ? (candidate.flags[key] as number) : null;
				if (limit !== null && limit < need && !prep.candidateProblems.has(candidate.id)) {
					prep.candidateProblems.set(candidate.id, `sequence limit ${key}=${limit} < ${need} (largest input_len + output_len)`);
					short.push(candidate.id);
				}
			}
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
	if (ports.status === 'failed') return false;
	const workload = await check(bus, 'workload', 'Canonical workload materialized and hashed', async () => saveWorkloads(context));
	return workload.status !== 'failed';
}
