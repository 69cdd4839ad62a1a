import type {EngineEvent, EngineEventType, EventOf} from '../events.js';
import {rowKey, type ResultRow} from '../results/result-row.js';
import type {FrameworkName} from '../frameworks/registry.js';
import {
	maxGpuSamples,
	maxLogLines,
	type ActiveState,
	type CandidateState,
	type CandidateStatus,
	type GpuState,
	type RunState,
	type ServerMetricsState,
} from './run-state.js';

export type {RunState} from './run-state.js';

/**
 * The pure fold of the event stream (docs/architecture.md rule 4): no I/O, no clock, no mutation.
 * One handler per event type in a table the compiler checks for completeness, so a new event
 * cannot be forgotten here.
 */

export const initialState: RunState = {
	phase: 'starting',
	runId: null,
	runDir: null,
	planFile: null,
	model: null,
	simulated: false,
	resumed: false,
	startedT: null,
	lastT: null,
	checks: [],
	candidates: [],
	scenarios: [],
	estimatedSeconds: null,
	sla: {},
	frameworks: {},
	currentFramework: null,
	active: null,
	inFlight: [],
	finishedOrder: [],
	gpus: [],
	serverMetrics: null,
	rows: [],
	warnings: [],
	abortReason: null,
	manifest: null,
	summaryPath: null,
	cost: null,
	winners: [],
};

type Handlers = {[K in EngineEventType]: (state: RunState, event: EventOf<K>) => RunState};

const handlers: Handlers = {
	'run-started': (s, e) => ({
		...s,
		phase: 'preflight',
		runId: e.runId,
		runDir: e.runDir,
		planFile: e.planFile,
		model: e.model,
		simulated: e.simulated,
		resumed: e.resumed,
		startedT: e.t,
	}),
	'preflight-check'(s, e) {
		const check = {id: e.id, title: e.title, status: e.status, detail: e.detail ?? null, hint: e.hint ?? null};
		const at = s.checks.findIndex(c => c.id === e.id);
		const checks = at === -1 ? [...s.checks, check] : s.checks.map((c, i) => (i === at ? check : c));
		return {...s, phase: s.phase === 'starting' ? 'preflight' : s.phase, checks};
	},
	'manifest-written': (s, e) => ({...s, manifest: e.manifest}),
	'plan-ready'(s, e) {
		const candidates = e.candidates.map((c): CandidateState => {
			const known = s.candidates.find(k => k.id === c.id);
			return known ?? {id: c.id, framework: c.framework, command: c.command, status: 'queued', reason: null, startedT: null, finishedT: null};
		});
		return {...s, phase: 'planned', candidates, scenarios: [...e.scenarios], estimatedSeconds: e.estimatedSeconds, sla: e.sla ?? s.sla};
	},
	'framework-started': (s, e) => ({
		...s,
		phase: 'running',
		currentFramework: e.framework,
		frameworks: {...s.frameworks, [e.framework]: {version: e.version, finished: false, reason: null}},
	}),
	'framework-finished': (s, e) => ({
		...s,
		frameworks: {...s.frameworks, [e.framework]: {version: s.frameworks[e.framework]?.version ?? null, finished: true, reason: e.reason ?? null}},
	}),
	'candidate-started'(s, e) {
		const active: ActiveState = {
			candidateId: e.candidateId,
			framework: e.framework,
			index: e.index,
			total: e.total,
			command: e.command,
			startedT: e.t,
			phase: 'launching',
			phaseT: e.t,
			phaseDetail: null,
			log: [],
			bench: null,
			rounds: [],
			where: e.where ?? null,
			metrics: null,
		};
		const known = s.candidates.some(c => c.id === e.candidateId);
		const candidates = known
			? updateCandidate(s.candidates, e.candidateId, c => ({...c, status: 'running', startedT: e.t, command: e.command}))
			: [
					...s.candidates,
					{id: e.candidateId, framework: e.framework, command: e.command, status: 'running' as const, reason: null, startedT: e.t, finishedT: null},
				];
		const inFlight = [...s.inFlight.filter(a => a.candidateId !== e.candidateId), active];
		return {...s, phase: 'running', currentFramework: e.framework, active, inFlight, candidates};
	},
	'server-phase': (s, e) => withActive(s, e.candidateId, a => ({...a, phase: e.phase, phaseT: e.t, phaseDetail: e.detail ?? null})),
	'server-log': (s, e) => withActive(s, e.candidateId, a => ({...a, log: [...a.log, ...e.lines].slice(-maxLogLines)})),
	'gpu-sampled'(s, e) {
		const sampled = e.gpus.map((g): GpuState => {
			const old = s.gpus.find(o => o.index === g.index);
			return {
				index: g.index,
				name: g.name,
				memoryTotalMiB: g.memoryTotalMiB,
				utilizationPct: [...(old?.utilizationPct ?? []), g.utilizationPct].slice(-maxGpuSamples),
				memoryUsedMiB: [...(old?.memoryUsedMiB ?? []), g.memoryUsedMiB].slice(-maxGpuSamples),
				sampledT: e.t,
			};
		});
		// Candidates in parallel each sample their own GPUs: the others' keep their last readings.
		const others = s.gpus.filter(old => !sampled.some(g => g.index === old.index));
		return {...s, gpus: [...others, ...sampled].sort((a, b) => a.index - b.index)};
	},
	'server-metrics'(s, e) {
		const push = (list: readonly number[] | undefined, value: number | null) =>
			value === null ? [...(list ?? [])] : [...(list ?? []), value].slice(-maxGpuSamples);
		const next = (old: ServerMetricsState | null | undefined): ServerMetricsState => ({
			candidateId: e.candidateId,
			running: push(old?.running, e.reading.running),
			waiting: push(old?.waiting, e.reading.waiting),
			kvCacheUsage: push(old?.kvCacheUsage, e.reading.kvCacheUsage),
			preemptions: e.reading.preemptions ?? old?.preemptions ?? null,
			lastT: e.t,
		});
		const latest = s.serverMetrics?.candidateId === e.candidateId ? s.serverMetrics : null;
		return withActive({...s, serverMetrics: next(latest)}, e.candidateId, a => ({...a, metrics: next(a.metrics)}));
	},
	'bench-started': (s, e) =>
		withActive(s, e.candidateId, a => ({
			...a,
			bench: {
				scenario: e.scenario,
				requestRate: e.requestRate,
				maxConcurrency: e.maxConcurrency,
				round: e.round,
				numPrompts: e.numPrompts,
				startedT: e.t,
				progress: null,
			},
		})),
	'bench-progress': (s, e) =>
		withActive(s, e.candidateId, a => (a.bench && a.bench.scenario === e.scenario ? {...a, bench: {...a.bench, progress: e.progress}} : a)),
	'qps-round-finished': (s, e) =>
		withActive(s, e.candidateId, a => ({
			...a,
			rounds: [
				...a.rounds,
				{
					scenario: e.scenario,
					maxConcurrency: e.maxConcurrency,
					round: e.round,
					requestRate: e.requestRate,
					passed: e.passed,
					...(e.verdict ? {verdict: e.verdict} : {}),
					...(e.samples === undefined ? {} : {samples: e.samples}),
					...(e.batches === undefined ? {} : {batches: e.batches}),
					reason: e.reason ?? null,
					final: finalProgress(a, e),
				},
			],
		})),
	'row-recorded': (s, e) => ({
		...s,
		rows: [...s.rows.filter(row => rowKey(row) !== rowKey(e.row)), e.row],
		sla: Object.keys(s.sla).length > 0 ? s.sla : slaOf(e.row),
	}),
	'candidate-finished': (s, e) => finish(s, e.candidateId, e.framework, e.status, e.reason ?? null, e.t),
	'candidate-skipped': (s, e) => finish(s, e.candidateId, e.framework, 'skipped', e.reason, e.t),
	warning: (s, e) => ({...s, warnings: [...s.warnings, e.message]}),
	'run-aborted': (s, e) => ({...s, phase: 'aborted', abortReason: e.reason}),
	'run-finished': (s, e) => ({
		...s,
		phase: s.phase === 'aborted' ? 'aborted' : 'finished',
		runDir: e.runDir,
		summaryPath: e.summaryPath,
		winners: e.winners,
		cost: e.cost ?? null,
		active: null,
		inFlight: [],
	}),
};

export function reduce(state: RunState, event: EngineEvent): RunState {
	const handler = handlers[event.type] as (s: RunState, e: EngineEvent) => RunState;
	return {...handler(state, event), lastT: event.t};
}

/** Folds a whole list (history replay, resume, tests). */
export function reduceAll(events: readonly EngineEvent[], from: RunState = initialState): RunState {
	return events.reduce(reduce, from);
}

// The bench that just ended is still in `bench`: its last progress holds the round's live figures.
function finalProgress(a: ActiveState, e: EventOf<'qps-round-finished'>) {
	const bench = a.bench;
	return bench && bench.scenario === e.scenario && bench.round === e.round && bench.maxConcurrency === e.maxConcurrency ? bench.progress : null;
}

function updateCandidate(list: readonly CandidateState[], id: string, update: (c: CandidateState) => CandidateState): CandidateState[] {
	return list.map(c => (c.id === id ? update(c) : c));
}

// Events for a candidate that is neither running nor the newest pane (late log lines) change nothing.
function withActive(s: RunState, candidateId: string, update: (a: ActiveState) => ActiveState): RunState {
	const at = s.inFlight.findIndex(a => a.candidateId === candidateId);
	const active = s.active?.candidateId === candidateId ? update(s.active) : s.active;
	if (at === -1) return active === s.active ? s : {...s, active};
	const pane = s.active?.candidateId === candidateId ? active! : update(s.inFlight[at]!);
	return {...s, active, inFlight: s.inFlight.map((a, i) => (i === at ? pane : a))};
}

function finish(s: RunState, id: string, framework: FrameworkName, status: CandidateStatus, reason: string | null, t: number): RunState {
	const known = s.candidates.find(c => c.id === id);
	const candidates = known
		? updateCandidate(s.candidates, id, c => ({...c, status, reason, finishedT: t}))
		: [...s.candidates, {id, framework, command: '', status, reason, startedT: null, finishedT: t}];
	const finishedOrder = s.finishedOrder.includes(id) ? s.finishedOrder : [...s.finishedOrder, id];
	// The active pane stays until the next candidate starts, so its last state stays readable.
	const active = s.active?.candidateId === id ? {...s.active, phase: s.active.phase === 'failed' ? ('failed' as const) : ('stopped' as const)} : s.active;
	return {...s, candidates, finishedOrder, active, inFlight: s.inFlight.filter(a => a.candidateId !== id)};
}

function slaOf(row: ResultRow): Record<string, number> {
	return Object.fromEntries(Object.entries(row.sla ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}
