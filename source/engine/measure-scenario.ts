import type {Candidate, Scenario} from '../config/plan.js';
import type {ResultRow} from '../results/result-row.js';
import {buildRow, measurementNotesOf, type RowInput} from './build-row.js';
import {measurementKey, measurementsOf} from './measurements.js';
import type {RunningServer} from './launch-server.js';
import {poolBatches, type PooledRound} from './pooled-round.js';
import {searchQps, type QpsBracket, type QpsRound} from './qps-search.js';
import {runBench, type Measured} from './run-bench.js';
import type {RoundObservations} from './watch-round.js';

/** A round as the search sees it: its pooled batches and what the last batch observed. */
type Observed = PooledRound & RoundObservations;
import type {RunContext} from './run-context.js';
import type {Statistics} from '../results/statistics-block.js';
import {slaBlockOf, type SlaOutcome} from '../sla/verdict.js';
import {samplesForUpperBound} from '../stats/intervals.js';
/** Why measuring stopped early: the caller records the candidate accordingly. */
export type Interruption = {kind: 'stopped'} | {kind: 'server-died'} | {kind: 'timeout'; reason: string};

export type ScenarioJob = {
	readonly candidate: Candidate;
	readonly server: RunningServer;
	readonly scenario: Scenario;
	readonly maxConcurrency: number | null;
	readonly signal: AbortSignal;
	/** Fields every row of this candidate carries (commands, flags, log path). */
	readonly common: Pick<RowInput, 'serverCommand' | 'validatedServerFlags' | 'serverLog' | 'placement'>;
	readonly benchmarkCommand: (rate: number | 'inf') => Promise<string | null>;
	/** Adaptive search: the probe passed here, so the QPS search starts at this rate instead of `qps.lower`. */
	readonly qpsLower?: number;
};

/** `cinf` or `c8`: the max_concurrency part of a round's label (and of its raw files' names). */
export const concLabel = (c: number | null) => (c === null ? 'cinf' : `c${c}`);

/** One QPS round as a row records it (the search's rounds, and an adaptive probe's one round). */
export function qpsRoundEntry(rate: number, measured: Observed, verdict: SlaOutcome, reason: string | null): NonNullable<ResultRow['qps_rounds']>[number] {
	const {metrics} = measured;
	return {
		request_rate: rate,
		passed: verdict === 'pass',
		request_throughput: metrics.request_throughput ?? null,
		p99_ttft_ms: metrics.p99_ttft_ms ?? null,
		p99_tpot_ms: metrics.p99_tpot_ms ?? null,
		p50_ttft_ms: metrics.p50_ttft_ms ?? null,
		p50_tpot_ms: metrics.p50_tpot_ms ?? null,
		output_token_throughput: metrics.output_token_throughput ?? null,
		offered_request_rate: metrics.offered_request_rate ?? null,
		reason,
		verdict,
		samples: measured.statistics.samples.requests ?? null,
		batches: measured.batches.length,
		records: measured.batches.map(batch => batch.recordsFile),
		saturated: measured.saturation !== null,
		prefix_cache_hit_rate: measured.serverMetrics?.prefix_cache_hit_rate ?? null,
		cache_flushed: measured.cacheFlush?.flushed ?? null,
	};
}

function roundsOf(rounds: ReadonlyArray<QpsRound<Observed>>): NonNullable<ResultRow['qps_rounds']> {
	return rounds.map(r => qpsRoundEntry(r.requestRate, r.measurement, r.outcome, r.passed ? null : reasonOf(r.measurement)));
}

/** The row's copy of what the server, the GPUs and the cache did during the measured round. */
function observationsOf(m: RoundObservations): Pick<RowInput, 'serverMetrics' | 'gpuTelemetry' | 'cache'> {
	return {
		serverMetrics: m.serverMetrics,
		gpuTelemetry: m.gpuTelemetry,
		cache: m.cacheFlush
			? {flushed_before_round: m.cacheFlush.flushed, flush: m.cacheFlush.note, prefix_cache_hit_rate: m.serverMetrics?.prefix_cache_hit_rate ?? null}
			: null,
	};
}

/** Why a round did not pass: every request failed, the failing bounds, or what stayed undecided. */
function reasonOf(measured: PooledRound): string {
	return allFailed(measured) ?? [...measured.sla.failures, ...measured.sla.undecidedReasons].join('; ');
}

/** The verdict a round counts as: a round whose every request failed fails, whatever its SLA says. */
function roundOutcome(measured: PooledRound): SlaOutcome {
	return allFailed(measured) === null ? measured.sla.outcome : 'fail';
}

/** The row's statistics block from the round it reports. */
function statisticsOf(measured: PooledRound, bracket: QpsBracket | null, tolerance: number | null, warmupRequests: number): Statistics {
	return {
		...measured.statistics,
		// Warm-up is per job (sent before its first round), whichever round the row reports.
		warmup_requests: warmupRequests,
		qps_bracket: bracket
			? {
					passed_rate: bracket.passedRate,
					failed_rate: bracket.failedRate,
					confident_fail_rate: bracket.confidentFailRate,
					converged: bracket.converged,
					tolerance,
					extra_batches: bracket.extraBatches,
				}
			: null,
		records: measured.batches.map(batch => batch.recordsFile),
		repeats: 0,
	};
}

/**
 * More batches can settle an undecided round only if every "too few samples" bound would have
 * enough samples once the whole remaining budget is spent; otherwise measuring more is wasted time.
 */
function couldDecide(measured: PooledRound, batchesLeft: number): boolean {
	const perBatch = measured.summary.completed / measured.batches.length;
	return measured.sla.checks.every(check => {
		if (check.outcome !== 'undecided' || check.upper !== null || !check.samples) return true;
		const percent = Number(/^max_p(\d+)_/.exec(check.key)?.[1] ?? Number.NaN);
		if (!Number.isFinite(percent)) return true;
		return check.samples + perBatch * batchesLeft >= samplesForUpperBound(percent / 100);
	});
}

function allFailed(measured: Pick<PooledRound, 'summary'>): string | null {
	if (measured.summary.completed > 0) return null;
	const errors = Object.entries(measured.summary.errors)
		.map(([error, count]) => `${error} ×${count}`)
		.join('; ');
	return `every request failed${errors ? `: ${errors}` : ''}`;
}

type RecordRow = (row: ResultRow) => void;
type Base = Pick<RowInput, 'candidate' | 'scenario' | 'maxConcurrency' | 'serverCommand' | 'validatedServerFlags' | 'serverLog'>;
/** Per job: the first measurement carries the warmup requests, the rest start warm. */
type Warmup = {remaining: number};

/**
 * One scenario × max_concurrency: the measurements of measurements.ts in order (by default the
 * steady-state QPS search of docs/measurement.md then a separate burst run; with `benchmark.request_rates`
 * one row per listed rate). Each row is handed to `record` as soon as it is known. A first row
 * whose every request failed ends the job (the server cannot serve it; resume agrees).
 */
export async function measureScenario(context: RunContext, job: ScenarioJob, record: RecordRow): Promise<Interruption | null> {
	const {candidate, scenario, maxConcurrency} = job;
	const base: Base = {candidate, scenario, maxConcurrency, ...job.common};
	const warmup: Warmup = {remaining: context.plan.benchmark.warmupRequests};
	let first = true;
	for (const measurement of measurementsOf(context.plan)) {
		const key = measurementKey(candidate, scenario.name, maxConcurrency, measurement);
		if (context.ledger.doneKeys.has(key)) {
			warmup.remaining = 0;
			first = false;
			continue;
		}

		const outcome =
			measurement.loadMode === 'steady'
				? await steadySearch(context, job, base, warmup, record)
				: await fixedRate(
						context,
						job,
						base,
						measurement.loadMode,
						measurement.rate === 'inf' || measurement.rate === null ? Number.POSITIVE_INFINITY : measurement.rate,
						warmup,
						record,
					);
		if (outcome.interruption) return outcome.interruption;
		if (first && outcome.failedAll) return null;
		first = false;
	}

	return null;
}

type Step = {interruption: Interruption | null; failedAll: boolean};

async function steadySearch(context: RunContext, job: ScenarioJob, base: Base, warmup: Warmup, record: RecordRow): Promise<Step> {
	const {candidate, scenario, maxConcurrency} = job;
	const rowContext = context.frameworks.get(candidate.framework)!.rowContext;
	const planned = context.plan.benchmark.qps;
	const qps = job.qpsLower === undefined ? planned : {...planned, lower: Math.min(planned.upper, Math.max(planned.lower, job.qpsLower))};
	let interruption: Interruption | null = null;
	const targetWarmup = warmup.remaining;
	const bench = async (rate: number, round: number, batch: number): Promise<Measured | null> => {
		const outcome = await runBench(context, {
			candidate,
			server: job.server,
			scenario,
			requestRate: rate,
			maxConcurrency,
			round,
			label: `${concLabel(maxConcurrency)}-steady-r${round}-qps${rate}`,
			warmupRequests: warmup.remaining,
			batch,
			signal: job.signal,
		});
		warmup.remaining = 0;
		if (outcome.kind !== 'measured') {
			interruption = outcome;
			return null;
		}

		return outcome;
	};

	const pool = {sla: context.plan.sla, warmupRequests: targetWarmup};
	const search = await searchQps<Observed>(
		qps,
		async (rate, round) => {
			const outcome = await bench(rate, round, 0);
			return outcome ? {passed: null, outcome: roundOutcome(outcome), measurement: outcome, ceiling: outcome.saturation?.completedRate ?? null} : null;
		},
		{
			async extend(rate, round, previous, batch) {
				const outcome = await bench(rate, round, batch);
				if (!outcome) return null;
				const pooled: Observed = {
					...poolBatches([...previous.batches, outcome.batch], {...pool, targetRate: rate}),
					serverMetrics: outcome.serverMetrics,
					gpuTelemetry: outcome.gpuTelemetry,
					saturation: outcome.saturation,
					cacheFlush: outcome.cacheFlush,
				};
				return {
					passed: null,
					outcome: outcome.saturation ? 'fail' : roundOutcome(pooled),
					measurement: pooled,
					ceiling: outcome.saturation?.completedRate ?? null,
				};
			},
			worth: (measured, batchesLeft) => couldDecide(measured, batchesLeft),
		},
		round => {
			const reason = round.passed ? null : reasonOf(round.measurement);
			context.bus.emit({
				type: 'qps-round-finished',
				candidateId: candidate.id,
				scenario: scenario.name,
				maxConcurrency,
				round: round.round,
				requestRate: round.requestRate,
				passed: round.passed,
				...(reason ? {reason} : {}),
				verdict: round.outcome,
				samples: round.measurement.statistics.samples.requests ?? 0,
				batches: round.batches,
			});
		},
	);
	if (search.interrupted) return {interruption, failedAll: false};
	const chosen = search.best ?? search.rounds[0];
	if (!chosen) return {interruption: null, failedAll: false};
	const m = chosen.measurement;
	const failedAll = allFailed(m);
	const undecided = !search.best && chosen.outcome === 'undecided';
	// An adaptive search starts a challenger where the incumbent did not pass; below that it cannot outrank it.
	const where =
		job.qpsLower === undefined
			? `even at the lower bound ${qps.lower} req/s`
			: `at ${qps.lower} req/s, where the adaptive search started it (its challenge rate: below it, it cannot outrank the best candidate so far)`;
	const notMet = `${undecided ? 'SLA undecided' : 'SLA not met'} ${where}: ${reasonOf(m)}`;
	record(
		buildRow(rowContext, {
			...base,
			loadMode: 'steady',
			status: failedAll ? 'failed' : 'ok',
			failureReason: failedAll ?? (search.best ? null : notMet),
			requestRate: chosen.requestRate,
			numPrompts: m.summary.numPrompts,
			metrics: m.metrics,
			sla: search.best ? slaBlockOf(m.sla) : undecided ? slaBlockOf(m.sla) : {passed: false, failures: [...m.sla.failures]},
			statistics: statisticsOf(m, search.bracket, qps.tolerance, targetWarmup),
			qpsRounds: roundsOf(search.rounds),
			benchmarkCommand: await job.benchmarkCommand(chosen.requestRate),
			rawResult: m.batches[0]!.rawFile,
			measurementNotes: measurementNotesOf(m.summary),
			...observationsOf(m),
		}),
	);
	return {interruption: null, failedAll: failedAll !== null};
}

/** One run at a fixed rate: the burst (`inf`) or one of `benchmark.request_rates` (`single`). */
async function fixedRate(
	context: RunContext,
	job: ScenarioJob,
	base: Base,
	loadMode: 'burst' | 'single',
	rate: number,
	warmup: Warmup,
	record: RecordRow,
): Promise<Step> {
	const {candidate, scenario, maxConcurrency} = job;
	const rowContext = context.frameworks.get(candidate.framework)!.rowContext;
	const label = loadMode === 'burst' ? `${concLabel(maxConcurrency)}-burst` : `${concLabel(maxConcurrency)}-single-qps${rate}`;
	const jobWarmup = warmup.remaining;
	const outcome = await runBench(context, {
		candidate,
		server: job.server,
		scenario,
		requestRate: rate,
		maxConcurrency,
		round: null,
		label,
		warmupRequests: warmup.remaining,
		signal: job.signal,
	});
	warmup.remaining = 0;
	if (outcome.kind !== 'measured') return {interruption: outcome, failedAll: false};
	const failedAll = allFailed(outcome);
	const requestRate = Number.isFinite(rate) ? rate : 'inf';
	record(
		buildRow(rowContext, {
			...base,
			loadMode,
			status: failedAll ? 'failed' : 'ok',
			failureReason: failedAll,
			requestRate,
			metrics: outcome.metrics,
			sla: slaBlockOf(outcome.sla),
			statistics: statisticsOf(outcome, null, null, jobWarmup),
			benchmarkCommand: await job.benchmarkCommand(requestRate),
			rawResult: outcome.rawFile,
			measurementNotes: measurementNotesOf(outcome.summary),
			...observationsOf(outcome),
		}),
	);
	return {interruption: null, failedAll: failedAll !== null};
}
