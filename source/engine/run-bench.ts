import path from 'node:path';
import type {BenchSummary} from '../bench/bench-types.js';
import {toRowMetrics} from '../bench/metrics.js';
import {goodputFromSla} from '../sla/grammar.js';
import type {Candidate, Scenario} from '../config/plan.js';
import type {RunningServer} from './launch-server.js';
import {poolBatches, type Batch, type PooledRound} from './pooled-round.js';
import {requestRecordsJsonl} from './request-records.js';
import {verdictOf} from '../sla/verdict.js';
import type {RunContext} from './run-context.js';
import {frameworkAdapter} from '../frameworks/registry.js';
import {watchRound, type RoundObservations} from './watch-round.js';

/** A measured batch, with its figures, intervals and verdict as a round of one batch. */
export type Measured = {kind: 'measured'; batch: Batch; rawFile: string} & PooledRound & RoundObservations;

export type BenchOutcome = Measured | {kind: 'stopped'} | {kind: 'timeout'; reason: string} | {kind: 'server-died'};

export type BenchRequest = {
	readonly candidate: Candidate;
	readonly server: RunningServer;
	readonly scenario: Scenario;
	readonly requestRate: number;
	readonly maxConcurrency: number | null;
	readonly round: number | null;
	readonly label: string;
	readonly warmupRequests: number;
	readonly numPrompts?: number;
	/** 0 for a round's first batch; an extra batch at the same rate gets its own arrival schedule. */
	readonly batch?: number;
	readonly signal: AbortSignal;
	/** Scrape the server's metrics, flush its prefix cache, watch for saturation (default true; the smoke test is no measured round). */
	readonly observe?: boolean;
};

/** Arrival seeds per batch: every candidate gets the same schedule for the same batch (paired comparisons). */
const batchSeed = (seed: number, batch: number) => seed + batch * 7919;

/** Wall-clock budget for one benchmark: generous, scaled like the server's clock. */
function benchTimeoutMs(context: RunContext, numPrompts: number, rate: number): number {
	const serverSeconds = Number.isFinite(rate) ? numPrompts / rate : 0;
	return Math.max(60_000, (serverSeconds * 4 + 600) * 1000 * context.timeScale);
}

/** Requests sent ÷ the span they were sent over (server seconds): what the target rate became. */
export function offeredRate(summary: Pick<BenchSummary, 'records'>): number | null {
	const sent = summary.records.map(record => record.sentMs);
	if (sent.length < 2) return null;
	const spanS = (Math.max(...sent) - Math.min(...sent)) / 1000;
	// n arrivals span n − 1 gaps; the Poisson estimate of the rate.
	return spanS > 0 ? (sent.length - 1) / spanS : null;
}

/** One run of the load client against a ready server; the raw summary is saved per run. */
export async function runBench(context: RunContext, request: BenchRequest): Promise<BenchOutcome> {
	const {candidate, scenario} = request;
	const workload = context.workloads.get(scenario.name);
	const rows = (workload?.rows ?? []).slice(0, request.numPrompts ?? context.plan.dataset.numPrompts);
	const rate = request.requestRate;
	context.bus.emit({
		type: 'bench-started',
		candidateId: candidate.id,
		scenario: scenario.name,
		requestRate: Number.isFinite(rate) ? rate : 'inf',
		maxConcurrency: request.maxConcurrency,
		round: request.round,
		numPrompts: rows.length,
	});
	const controller = new AbortController();
	let why: 'stopped' | 'timeout' | 'server-died' | 'saturated' | null = null;
	const stop = (reason: typeof why) => {
		why ??= reason;
		controller.abort();
	};

	const onAbort = () => stop('stopped');
	const watch = await watchRound(context, request, () => stop('saturated'));
	request.signal.addEventListener('abort', onAbort, {once: true});
	if (request.signal.aborted) stop('stopped');
	const timeoutMs = benchTimeoutMs(context, rows.length, rate);
	const timer = setTimeout(() => stop('timeout'), timeoutMs);
	void request.server.process.exited.then(() => stop('server-died'));
	try {
		const summary = await context.deps.runBenchmark({
			baseUrl: request.server.baseUrl,
			model: request.server.model ?? context.plan.model.name,
			...(request.server.apiKey ? {apiKey: request.server.apiKey} : {}),
			endpoint: context.plan.benchmark.endpoint,
			rows,
			requestRate: rate,
			maxConcurrency: request.maxConcurrency,
			warmupRequests: request.warmupRequests,
			seed: batchSeed(context.plan.dataset.seed, request.batch ?? 0),
			extraRequestBody: context.plan.benchmark.extraRequestBody,
			bodyStyle: frameworkAdapter(candidate.framework).requestBody,
			goodput: goodputFromSla(context.plan.sla),
			timeScale: context.timeScale,
			signal: controller.signal,
			onProgress: progress => {
				watch.progress(progress);
				context.bus.emit({type: 'bench-progress', candidateId: candidate.id, scenario: scenario.name, progress});
			},
		});
		for (const note of summary.clientNotes ?? []) {
			if (context.ledger.clientNotes.has(note)) continue;
			context.ledger.clientNotes.add(note);
			context.bus.emit({type: 'warning', message: `load client: ${note}`});
		}
		if (why === 'stopped' || why === 'server-died') return {kind: why};
		if (why === 'timeout') return {kind: 'timeout', reason: `benchmark timeout: ${request.label} did not finish within ${Math.round(timeoutMs / 1000)} s`};
		const observed = await watch.finish(toRowMetrics(summary).output_token_throughput ?? null);
		const dir = path.join(candidate.framework, candidate.id, scenario.name);
		const label = request.batch ? `${request.label}-b${request.batch + 1}` : request.label;
		const {records, ...figures} = summary;
		const rawFile = context.artifacts.relative(
			context.artifacts.writeJson(path.join(dir, `${label}.json`), {...figures, request_count: records.length, errors: summary.errors, ...observed.raw}),
		);
		const recordsFile = context.artifacts.relative(context.artifacts.writeText(path.join(dir, `${label}.requests.jsonl`), requestRecordsJsonl(records)));
		const batch: Batch = {summary, offeredRate: Number.isFinite(rate) ? offeredRate(summary) : null, rawFile, recordsFile};
		const pooled = poolBatches([batch], {sla: context.plan.sla, targetRate: Number.isFinite(rate) ? rate : null, warmupRequests: request.warmupRequests});
		// A saturated round fails with that reason first: its partial latencies understate the queue.
		const saturation = observed.row.saturation;
		const sla = saturation
			? verdictOf([{key: 'saturation', bound: 0, outcome: 'fail', value: null, text: saturation.reason}, ...pooled.sla.checks])
			: pooled.sla;
		return {kind: 'measured', batch, rawFile, ...pooled, sla, ...observed.row};
	} finally {
		await watch.dispose();
		clearTimeout(timer);
		request.signal.removeEventListener('abort', onAbort);
	}
}
