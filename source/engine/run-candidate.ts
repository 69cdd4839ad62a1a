import type {Candidate} from '../config/plan.js';
import {extraArgv, launchArgv, renderServerArgv, shellQuote} from '../plan/render-argv.js';
import {configuredFramework, frameworkAdapter} from '../frameworks/registry.js';
import type {ResultRow, RowStatus, SkipCause} from '../results/result-row.js';
import {rowKey} from '../results/result-row.js';
import {buildRow, type RowInput} from './build-row.js';
import {classifyFailure} from './classify-failure.js';
import {gpuEnv, gpuEnvPrefix} from './gpu-env.js';
import {deployCommand, nativeCommandNote} from './honest-commands.js';
import {freePort} from './free-port.js';
import {connectHostFor, serverAccess} from './server-access.js';
import {startGpuPoller} from './gpu-poller.js';
import {extrasFor} from './launch-extras.js';
import {launchServer, type RunningServer} from './launch-server.js';
import {measureScenario, type Interruption} from './measure-scenario.js';
import {measurementKey, measurementsOf} from './measurements.js';
import {serverCommandFor} from './preflight.js';
import type {FrameworkPrep, RunContext} from './run-context.js';
import {smokeTest} from './smoke.js';
import type {JobProbe} from './adaptive/adaptive.js';
import {isRefused} from '../executors/placement.js';

export const abortedPrefix = 'run aborted';
export type CandidateOutcome = {status: RowStatus; reason: string | null; failureKind: string | null; launched: boolean};

function jobs(context: RunContext) {
	return context.plan.scenarios.flatMap(scenario => context.plan.benchmark.maxConcurrency.map(maxConcurrency => ({scenario, maxConcurrency})));
}

const keyOf = (candidate: Candidate, scenario: string, maxConcurrency: number | null, loadMode: string) =>
	rowKey({framework: candidate.framework, candidate_id: candidate.id, workload: {scenario, max_concurrency: maxConcurrency, load_mode: loadMode}} as ResultRow);

/** The recorded rows of one job, by measurement; the first one's status decides whether the job goes on. */
function jobState(context: RunContext, candidate: Candidate, scenario: string, maxConcurrency: number | null) {
	const measurements = measurementsOf(context.plan).map(measurement => ({measurement, key: measurementKey(candidate, scenario, maxConcurrency, measurement)}));
	const first = context.ledger.rows.find(row => rowKey(row) === measurements[0]!.key);
	// A first row that is not `ok` (launch failure, skip, every request failed) ends the job.
	const ended = first !== undefined && first.status !== 'ok';
	return {measurements, first, ended, missing: measurements.filter(({key}) => !context.ledger.doneKeys.has(key))};
}

/** Every row this candidate would write when it runs (smoke only for a framework's baseline). */
export function candidateDone(context: RunContext, candidate: Candidate): boolean {
	return jobs(context).every(({scenario, maxConcurrency}) => {
		const state = jobState(context, candidate, scenario.name, maxConcurrency);
		return state.ended || state.missing.length === 0;
	});
}

export function recordRow(context: RunContext, row: ResultRow): void {
	const key = rowKey(row);
	if (context.ledger.doneKeys.has(key)) return;
	const clean = context.artifacts.appendRow(withCost(context, row));
	context.ledger.doneKeys.add(key);
	context.ledger.rows.push(clean);
	context.bus.emit({type: 'row-recorded', row: clean});
}

/** The candidate's cost so far on its row (absent when it never launched a server). */
export function withCost(context: RunContext, row: ResultRow): ResultRow {
	const cost = context.ledger.cost.of(row.candidate_id);
	return cost ? {...row, cost} : row;
}

/**
 * Rows for every job not measured yet, all with one status and reason (failure, skip, abort). A
 * job with nothing recorded gets one row (its first measurement, which ends it); a job part-way
 * through gets a row for each measurement still missing.
 */
export function recordRemaining(
	context: RunContext,
	candidate: Candidate,
	status: RowStatus,
	reason: string,
	common: Partial<RowInput> = {},
	cause?: SkipCause,
): void {
	const rowContext = context.frameworks.get(candidate.framework)!.rowContext;
	for (const {scenario, maxConcurrency} of jobs(context)) {
		const state = jobState(context, candidate, scenario.name, maxConcurrency);
		if (state.ended) continue;
		const missing = state.first ? state.missing : state.missing.slice(0, 1);
		for (const {measurement} of missing) {
			recordRow(
				context,
				buildRow(rowContext, {
					...common,
					candidate,
					scenario,
					maxConcurrency,
					loadMode: measurement.loadMode,
					requestRate: measurement.loadMode === 'single' ? measurement.rate : null,
					status,
					failureReason: reason,
					...(cause ? {cause} : {}),
				}),
			);
		}
	}
}

/** What to measure on a launched server instead of the usual smoke test and scenarios (a repeat). */
export type MeasureOnServer = (server: RunningServer, signal: AbortSignal) => Promise<Interruption | null>;

/** Launch a fresh server for one candidate, measure every scenario (or `instead`), stop it (always). */
export async function runCandidate(
	context: RunContext,
	prep: FrameworkPrep,
	candidate: Candidate,
	total: number,
	instead?: MeasureOnServer,
	/** Adaptive search: before each job, a probe that may prune it (source/engine/adaptive/adaptive.ts). */
	probe?: JobProbe,
): Promise<CandidateOutcome> {
	const {bus} = context;
	const {runtime} = configuredFramework(prep.plan);
	// The recipe may override the server command; the flags, extras and listen address are the candidate's.
	const framework = {...prep.plan, serverCommand: serverCommandFor(context, prep.plan)};
	const extras = extrasFor(candidate.flags, prep.extraLaunchFlags ?? {});
	// The deploy command shows the candidate's own argv and, apart, what the engine injected.
	const rendered = renderServerArgv(framework, candidate.flags, context.plan.model.name);
	const injected = extraArgv(candidate.framework, extras);
	const controller = new AbortController();
	const onRunAbort = () => controller.abort();
	context.runSignal.addEventListener('abort', onRunAbort, {once: true});
	context.ledger.inFlight.set(candidate.id, controller);
	// Where it runs comes from the placement, not the plan's ids (docs/placement.md).
	const placed = await context.placer.place(candidate, context.plan.hardware.gpuCount, controller.signal);
	if (isRefused(placed)) {
		context.runSignal.removeEventListener('abort', onRunAbort);
		context.ledger.inFlight.delete(candidate.id);
		if (controller.signal.aborted) {
			const aborted = context.runSignal.aborted;
			const reason = aborted ? `${abortedPrefix}: ${abortReason(context)}` : 'skipped by operator';
			recordRemaining(context, candidate, 'skipped', reason, {}, {kind: aborted ? 'run-aborted' : 'operator'});
			return {status: 'skipped', reason, failureKind: null, launched: false};
		}

		const reason = `not placed: ${placed.reason}`;
		recordRemaining(context, candidate, placed.status, reason, {});
		return {status: placed.status, reason, failureKind: 'placement', launched: false};
	}

	const {executor, gpuIds} = placed;
	// A port, host, served name or API key in the flags is how clients must reach this server.
	const access = serverAccess(candidate.flags);
	const port = access.port ?? (await freePort(executor.kind === 'ssh' ? '127.0.0.1' : executor.bindHost));
	const argv = launchArgv(framework, candidate.flags, context.plan.model.name, extras, {host: executor.bindHost, port});
	const spec = {
		argv,
		name: `llm-bench-${context.runId}-${candidate.id}`.replaceAll(/[^A-Za-z0-9_.-]/g, '-'),
		gpuIds,
		framework: candidate.framework,
		env: gpuEnv(gpuIds),
	};
	const command = context.artifacts.redact(shellQuote(argv));
	const dir = `${candidate.framework}/${candidate.id}`;
	const deploy = deployCommand(rendered, {
		gpuIds,
		host: access.host === null ? executor.bindHost : null,
		port: access.port === null ? port : null,
		injected: injected.filter(word => word.startsWith('-')),
	});
	const deployText = context.artifacts.redact(deploy.command);
	const workload = context.workloads.get(context.plan.scenarios[0]!.name) ?? null;
	const commandsNote = `${deploy.runSpecific}. Benchmark command: ${nativeCommandNote({name: candidate.framework, label: frameworkAdapter(candidate.framework).label}, frameworkAdapter(candidate.framework).nativeBench, workload, context.plan.benchmark.endpoint, `native-<concurrency>-<rate>.${frameworkAdapter(candidate.framework).nativeBench?.resultExtension ?? 'json'}`)}`;
	context.artifacts.writeText(
		`${dir}/server_command.txt`,
		`# deployment command (paste on the GPU box; add --host/--port as you need):\n${deployText}\n# ${commandsNote.split('. Benchmark command:')[0]}\n\n# exactly as launched for these figures:\n${gpuEnvPrefix(gpuIds)}${command}\n\n# as launched by the ${context.recipe.name} recipe:\n${shellQuote(executor.describeLaunch(spec))}\n`,
	);
	const serverLog = `${dir}/server.log`;
	const common = {
		serverCommand: command,
		deployCommand: deployText,
		commandsNote,
		validatedServerFlags: prep.acceptedFlags.get(candidate.id) ?? null,
		serverLog,
		placement: placed,
	};
	bus.emit({
		type: 'candidate-started',
		candidateId: candidate.id,
		framework: candidate.framework,
		index: candidate.index,
		total,
		command,
		where: placed.where,
	});
	bus.emit({type: 'server-phase', candidateId: candidate.id, phase: 'launching', detail: `port ${port}`});
	const readyTimeoutS = context.recipe.recipe.frameworks?.[candidate.framework]?.ready_timeout_s ?? context.recipe.recipe.ready_timeout_s ?? 1800;
	const stopPoller = startGpuPoller(context, executor, gpuIds);
	const endCost = context.ledger.cost.launched(candidate.framework, candidate.id, spec.gpuIds.length);
	const launched = await launchServer({
		executor,
		runtime,
		spec,
		baseUrl: `http://${connectHostFor(access, placed.host)}:${port}`,
		model: access.servedModel ?? context.plan.model.name,
		...(access.apiKey ? {apiKey: access.apiKey} : {}),
		candidateId: candidate.id,
		logFile: context.artifacts.path(serverLog),
		redact: context.artifacts.redact,
		bus,
		readyTimeoutMs: readyTimeoutS * 1000 * (context.simulated ? Math.max(context.timeScale, 0.05) : 1),
		signal: controller.signal,
		registry: context.servers,
	});
	const stopped = (): CandidateOutcome => {
		const aborted = context.runSignal.aborted;
		const reason = aborted ? `${abortedPrefix}: ${abortReason(context)}` : 'skipped by operator';
		recordRemaining(context, candidate, 'skipped', reason, common, {kind: aborted ? 'run-aborted' : 'operator'});
		return {status: 'skipped', reason, failureKind: null, launched: true};
	};

	try {
		if (!launched.ok) {
			bus.emit({type: 'server-phase', candidateId: candidate.id, phase: 'failed', detail: launched.failure.reason});
			if (controller.signal.aborted) return stopped();
			const reason = launched.failure.hint ? `${launched.failure.reason} — ${launched.failure.hint}` : launched.failure.reason;
			recordRemaining(context, candidate, launched.failure.status, reason, common);
			return {status: launched.failure.status, reason, failureKind: launched.failure.kind, launched: true};
		}

		const server = launched.server;
		const nativeCommand = async (scenarioName: string, maxConcurrency: number | null, rate: number | 'inf') => {
			const scenario = context.plan.scenarios.find(s => s.name === scenarioName)!;
			const workload = context.workloads.get(scenarioName);
			const native = await context.deps.nativeBenchCommand(candidate.framework, {
				baseUrl: server.baseUrl,
				model: server.model ?? context.plan.model.name,
				tokenizer: context.plan.model.tokenizer,
				endpoint: context.plan.benchmark.endpoint,
				datasetPath: workload ? context.artifacts.path(workload.file) : null,
				inputLen: scenario.inputLen,
				outputLen: scenario.outputLen,
				numPrompts: context.plan.dataset.numPrompts,
				requestRate: rate,
				maxConcurrency,
				seed: context.plan.dataset.seed,
				resultFile: context.artifacts.path(
					dir,
					scenarioName,
					`native-c${maxConcurrency ?? 'none'}-r${rate}.${frameworkAdapter(candidate.framework).nativeBench?.resultExtension ?? 'json'}`,
				),
				extraRequestBody: context.plan.benchmark.extraRequestBody,
			});
			return native ? context.artifacts.redact(shellQuote(native)) : null;
		};

		const smokeKey = keyOf(candidate, context.plan.scenarios[0]!.name, null, 'smoke');
		if (instead) {
			const interruption = await instead(server, controller.signal);
			if (controller.signal.aborted || interruption?.kind === 'stopped')
				return {status: 'skipped', reason: 'repeat stopped', failureKind: null, launched: true};
			if (interruption)
				return {
					status: interruption.kind === 'timeout' ? 'timeout' : 'failed',
					reason: interruption.kind === 'timeout' ? interruption.reason : 'server died during the repeat',
					failureKind: interruption.kind,
					launched: true,
				};
			return {status: 'ok', reason: null, failureKind: null, launched: true};
		}

		if (candidate.index === 0 && !context.ledger.doneKeys.has(smokeKey)) {
			await smokeTest(context, candidate, server, common, controller.signal, row => recordRow(context, row));
		}

		let interruption: Interruption | null = null;
		for (const {scenario, maxConcurrency} of jobs(context)) {
			if (controller.signal.aborted) break;
			const job = {
				candidate,
				server,
				scenario,
				maxConcurrency,
				signal: controller.signal,
				common,
				benchmarkCommand: async (rate: number | 'inf') => nativeCommand(scenario.name, maxConcurrency, rate),
			};
			const probed = probe ? await probe(context, job, row => recordRow(context, row)) : null;
			if (probed?.kind === 'pruned') continue;
			const searched = probed?.kind === 'search-from' ? {...job, qpsLower: probed.rate} : job;
			interruption = probed && probed.kind !== 'search-from' ? probed : await measureScenario(context, searched, row => recordRow(context, row));
			if (interruption) break;
		}

		if (controller.signal.aborted || interruption?.kind === 'stopped') return stopped();
		if (interruption?.kind === 'server-died') {
			const exit = await server.process.exited;
			const failure = classifyFailure(exit, server.tail(), runtime.failurePatterns, 'benchmark');
			const reason = `server died during the benchmark: ${failure.reason}`;
			recordRemaining(context, candidate, failure.status, reason, common);
			return {status: failure.status, reason, failureKind: failure.kind, launched: true};
		}

		if (interruption?.kind === 'timeout') {
			recordRemaining(context, candidate, 'timeout', interruption.reason, common);
			return {status: 'timeout', reason: interruption.reason, failureKind: 'benchmark timeout', launched: true};
		}

		return {status: 'ok', reason: null, failureKind: null, launched: true};
	} finally {
		stopPoller();
		await launched.server.stop();
		endCost();
		bus.emit({type: 'server-phase', candidateId: candidate.id, phase: 'stopped'});
		await placed.release();
		context.runSignal.removeEventListener('abort', onRunAbort);
		context.ledger.inFlight.delete(candidate.id);
	}
}

export function abortReason(context: RunContext): string {
	const reason: unknown = context.runSignal.reason;
	return typeof reason === 'string' ? reason : 'aborted by the operator';
}
