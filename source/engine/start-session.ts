import fs from 'node:fs';
import path from 'node:path';
import type {Candidate} from '../config/plan.js';
import type {Executor} from '../executors/executor.js';
import {createPlacer} from '../executors/create-placer.js';
import {recipeExecutor, simulatedEnv} from '../executors/recipe-executor.js';
import {createSlurmJobsJournal} from '../executors/slurm/slurm-jobs-journal.js';
import {cancelSlurmLeftovers, runJobName} from '../executors/slurm/slurm-placer.js';
import {simulatedWorld} from '../recipes/simulated-world.js';
import {rowKey} from '../results/result-row.js';
import {artifactNames, createRunArtifacts} from './artifacts.js';
import {createBus} from './bus.js';
import {defaultDeps, type EngineDeps} from './engine-deps.js';
import {preflight} from './preflight.js';
import {createRedactor, redactDeep, type Redactor} from './redact.js';
import {secretValuesIn} from '../secrets/secret-values.js';
import {loadDoneRows} from './resume-run.js';
import {planIdentity, planIdentityFile} from './plan-identity.js';
import {foreignRowsWarning, missingIdentityNote} from './run-dir.js';
import type {RunBase, RunContext, RunEnvironment, RunLedger} from './run-context.js';
import {recordRemaining} from './run-candidate.js';
import {recordUnfinished} from './record-unfinished.js';
import {journalEvents} from './journal-events.js';
import {runFramework} from './run-framework.js';
import {createServerRegistry, type ServerRegistry} from './server-registry.js';
import {boxClock, createCostLedger} from './cost-ledger.js';
import {composeEnvironment, estimateSeconds, manifestFor} from './run-setup.js';
import type {Session, SessionOptions} from './session-types.js';

export type StartSessionOptions = SessionOptions & {
	readonly deps?: Partial<EngineDeps>;
	/** Where commands run; default: the recipe's executor. Tests pass a fake to run without a box. */
	readonly executor?: Executor;
};

/**
 * Start a run (docs/commands.md, seed workflow): preflight, plan-ready (optionally wait for proceed), then
 * every framework's candidates, rows and journal as they happen, and the report at the end.
 * Commands go in as calls; facts come out as events (docs/architecture.md rules 2 and 3).
 */
export function startSession(options: StartSessionOptions): Session {
	// Every event is redacted on the bus; the redactor learns the plan's and recipe's secrets once loaded.
	const redactor: {current: Redactor} = {current: createRedactor(options.deps?.env ?? process.env)};
	const bus = createBus(Date.now, event => redactDeep(event, redactor.current));
	const runAbort = new AbortController();
	const skipQueued = new Set<string>();
	let releaseProceed: () => void = () => {};
	const proceedGate = new Promise<void>(resolve => (releaseProceed = resolve));
	// The run's ledger, shared with skip(): which candidates run now and which wait to be skipped.
	const inFlight = new Map<string, AbortController>();
	// Set once preflight is done: a second stop signal records the unfinished candidates through it.
	let context: RunContext | null = null;
	const abort = (reason = 'aborted by the operator') => {
		if (runAbort.signal.aborted) return;
		runAbort.abort(reason);
		releaseProceed();
	};

	const done = run(options, bus, runAbort.signal, skipQueued, inFlight, proceedGate, redactor, {publish: composed => (context = composed), abort});
	return {
		history: bus.history,
		subscribe: listener => bus.subscribe(listener),
		proceed: () => releaseProceed(),
		skip(candidateId) {
			// No id: the candidate that started first of those running (the only one at parallel 1).
			const running = candidateId === undefined ? [...inFlight.values()][0] : inFlight.get(candidateId);
			if (running) running.abort();
			else if (candidateId) skipQueued.add(candidateId);
		},
		abort,
		recordUnfinished: reason => (context ? recordUnfinished(context, reason) : 0),
		done,
	};
}

async function run(
	options: StartSessionOptions,
	bus: ReturnType<typeof createBus>,
	signal: AbortSignal,
	skipQueued: Set<string>,
	inFlight: Map<string, AbortController>,
	proceedGate: Promise<void>,
	redactor: {current: Redactor},
	hooks: {readonly publish: (context: RunContext) => void; readonly abort: (reason: string) => void},
): Promise<{runDir: string; exitCode: number}> {
	const deps = defaultDeps(options.deps);
	// Callers subscribe right after startSession returns: the first event waits for the next turn.
	await Promise.resolve();
	// The command edge loaded and checked these (commands/load-run-inputs.ts): no user error starts here.
	const {plan, recipe, runDir, resumed} = options;
	const redact = createRedactor(deps.env, [...secretValuesIn(plan), ...secretValuesIn(recipe.recipe)]);
	redactor.current = redact;
	// The command edge refused a changed plan (commands/load-run-inputs.ts); this records the identity.
	const identity = planIdentity(plan, redact);
	const identityNote = resumed ? missingIdentityNote(runDir) : null;
	const runId = path.basename(runDir);
	const artifacts = createRunArtifacts(runDir, redact);
	const journal = journalEvents(bus, artifacts, hooks.abort);
	const world = simulatedWorld(recipe.recipe);
	const simulated = world !== null;
	const timeScale = typeof world?.time_scale === 'number' ? world.time_scale : 1;
	const simStateDir = path.join(runDir, '.sim-state');
	// Slurm probes (nvidia-smi, help, version) get allocations named for the run, with the plan's GPU count.
	const executor = options.executor ?? recipeExecutor(recipe, deps.env, simStateDir, {jobName: runJobName(runId), gpus: plan.hardware.gpuCount});
	const resumeNotes: string[] = identityNote ? [identityNote] : [];
	const previous = resumed ? loadDoneRows(runDir, note => resumeNotes.push(note)) : [];
	if (!resumed || identityNote) artifacts.writeJson(planIdentityFile, identity);
	const servers = createServerRegistry(artifacts.path('servers.json'));
	const gpuIds = plan.hardware.gpuIds ?? Array.from({length: plan.hardware.gpuCount}, (_, i) => i);
	const base: RunBase = {plan, runId, artifacts, bus, executor, recipe, deps, gpuIds, timeScale, simulated, runSignal: signal, servers};
	const ledger: RunLedger = {
		doneKeys: new Set(previous.map(row => rowKey(row))),
		rows: [...previous],
		skipQueued,
		inFlight,
		cost: createCostLedger(deps.boxClock ?? boxClock(simulated, timeScale), simulated ? 'simulated' : 'wall'),
		clientNotes: new Set(),
	};
	artifacts.writeText(artifactNames.plan, fs.readFileSync(plan.sourceFile, 'utf8'));
	if (!fs.existsSync(artifacts.path(artifactNames.results))) artifacts.appendText(artifactNames.results, '');
	bus.emit({type: 'run-started', runId, runDir, planFile: plan.sourceFile, model: plan.model.name, simulated, resumed});
	if (resumed) {
		bus.emit({type: 'warning', message: `resuming ${runDir}: ${previous.length} row(s) already recorded are kept and not re-run`});
		for (const message of resumeNotes) bus.emit({type: 'warning', message});
		await stopLeftovers(servers, executor, bus);
		const cancelled = recipe.recipe.kind === 'slurm' ? await cancelSlurmLeftovers({env: deps.env, runId, journal: createSlurmJobsJournal(runDir)}) : null;
		if (cancelled) bus.emit({type: 'warning', message: cancelled});
	}
	const found = await preflight(base);
	// Slots of the plan's gpu_count among its GPU ids, `parallel` of them at most (docs/placement.md);
	// a slurm recipe gets one allocation per candidate instead (docs/recipes.md).
	const placer = createPlacer({
		recipe,
		executor,
		gpuIds,
		gpusPerCandidate: plan.hardware.gpuCount,
		gpuNames: found.gpuNames,
		env: deps.env,
		runId,
		runDir,
		extraEnv: simulatedEnv(recipe, simStateDir),
	});
	const context: RunContext = {...composeEnvironment(base, found, placer), ledger};
	hooks.publish(context);
	writeManifest(context);
	if (!found.ok) {
		bus.emit({type: 'run-finished', runDir, summaryPath: null, winners: []});
		return {runDir, exitCode: 1};
	}

	for (const message of placer.notes) bus.emit({type: 'warning', message});
	const foreign = foreignRowsWarning(context);
	if (foreign) bus.emit({type: 'warning', message: foreign});
	const candidates: Candidate[] = [...context.frameworks.values()].flatMap(prep => [...prep.candidates]);
	bus.emit({
		type: 'plan-ready',
		candidates: candidates.map(c => ({id: c.id, framework: c.framework, command: redact(c.argv.join(' '))})),
		scenarios: plan.scenarios.map(s => s.name),
		// Candidates in parallel share the time: each framework's run as ceil(its candidates / parallel) in a row.
		estimatedSeconds: estimateSeconds(
			plan,
			[...context.frameworks.values()].reduce((rounds, prep) => rounds + Math.ceil(prep.candidates.length / placer.parallel), 0),
			timeScale,
			simulated,
		),
		sla: plan.sla,
	});
	if (options.confirm) await proceedGate;
	recordPolicyRejections(context);
	try {
		for (const prep of context.frameworks.values()) await runFramework(context, prep);
	} finally {
		// Each candidate releases its own placement; this frees any an abort or a bug left held.
		await placer.releaseAll();
	}
	if (signal.aborted) bus.emit({type: 'run-aborted', reason: String(signal.reason ?? 'aborted')});
	const cost = ledger.cost.total();
	const {summaryPath, winners} = await deps.writeSummary(
		ledger.rows,
		redactDeep(
			{...manifestFor(context), cost, notes: [...context.notes, ...ledger.clientNotes, ...(signal.aborted ? [`run aborted: ${String(signal.reason)}`] : [])]},
			redact,
		),
		runDir,
	);
	bus.emit({
		type: 'run-finished',
		runDir,
		summaryPath,
		winners,
		cost: {gpu_seconds: cost.gpu_seconds, servers_launched: cost.servers_launched, clock: cost.clock},
	});
	// The disk filled (or went read-only) under the journal: the CLI prints this as one line, exit 1.
	const failure = journal.failure();
	if (failure) throw failure;
	// An aborted run is not a success: 130, like an interrupted shell command (the CLI maps signals).
	return {runDir, exitCode: signal.aborted ? 130 : 0};
}

/** manifest.json, and the same object as an event: viewers (the TUI, attach) never read the file. */
function writeManifest(context: RunEnvironment): void {
	const manifest = manifestFor(context);
	context.artifacts.writeJson(artifactNames.manifest, manifest);
	context.bus.emit({type: 'manifest-written', manifest});
}

/** A run killed with SIGKILL leaves its server holding the GPUs: stop it before preflight looks. */
async function stopLeftovers(servers: ServerRegistry, executor: Executor, bus: ReturnType<typeof createBus>): Promise<void> {
	for (const leftover of servers.list()) {
		const done = await executor.stopLeftover(leftover);
		bus.emit({type: 'warning', message: `the interrupted run left ${leftover.candidateId}'s server (${leftover.name}) registered: ${done}`});
		servers.remove(leftover.name);
	}
}

/** docs/config.md: a candidate the backend policy rejects is recorded (skipped, with the reason), never run. */
function recordPolicyRejections(context: RunContext): void {
	for (const prep of context.frameworks.values()) {
		prep.rejected.forEach((rejected, index) => {
			const candidate: Candidate = {
				id: rejected.id ?? `${rejected.framework}-rejected-${String(index).padStart(2, '0')}`,
				framework: rejected.framework,
				index: -1,
				flags: rejected.flags,
				diff: rejected.flags,
				argv: [],
			};
			recordRemaining(context, candidate, 'skipped', `rejected by policy: ${rejected.reason}`, {}, {kind: 'policy'});
		});
	}
}
