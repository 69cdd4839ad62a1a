import type {Candidate, Scenario} from '../config/plan.js';
import type {ResultRow} from '../results/result-row.js';
import {rowKey} from '../results/result-row.js';
import {buildRow, type RowInput} from './build-row.js';
import type {RunningServer} from './launch-server.js';
import {searchQps} from './qps-search.js';
import {runBench, type BenchOutcome} from './run-bench.js';
import type {RunContext} from './run-context.js';

type Measured = Extract<BenchOutcome, {kind: 'measured'}>;
/** Why measuring stopped early: the caller records the candidate accordingly. */
export type Interruption = {kind: 'stopped'} | {kind: 'server-died'} | {kind: 'timeout'; reason: string};

export type ScenarioJob = {
	readonly candidate: Candidate;
	readonly server: RunningServer;
	readonly scenario: Scenario;
	readonly maxConcurrency: number | null;
	readonly signal: AbortSignal;
	/** Fields every row of this candidate carries (commands, flags, log path). */
	readonly common: Pick<RowInput, 'serverCommand' | 'validatedServerFlags' | 'serverLog'>;
	readonly benchmarkCommand: (rate: number | 'inf') => Promise<string | null>;
};

const concLabel = (c: number | null) => (c === null ? 'cinf' : `c${c}`);

function roundsOf(rounds: ReadonlyArray<{requestRate: number; passed: boolean; measurement: Measured}>): NonNullable<ResultRow['qps_rounds']> {
	return rounds.map(r => ({
		request_rate: r.requestRate,
		passed: r.passed,
		request_throughput: r.measurement.metrics.request_throughput ?? null,
		p99_ttft_ms: r.measurement.metrics.p99_ttft_ms ?? null,
		p99_tpot_ms: r.measurement.metrics.p99_tpot_ms ?? null,
		p50_ttft_ms: r.measurement.metrics.p50_ttft_ms ?? null,
		p50_tpot_ms: r.measurement.metrics.p50_tpot_ms ?? null,
		output_token_throughput: r.measurement.metrics.output_token_throughput ?? null,
		reason: r.passed ? null : r.measurement.sla.failures.join('; '),
	}));
}

function allFailed(measured: Measured): string | null {
	if (measured.summary.completed > 0) return null;
	const errors = Object.entries(measured.summary.errors).map(([error, count]) => `${error} ×${count}`).join('; ');
	return `every request failed${errors ? `: ${errors}` : ''}`;
}

/**
 * Steady-state QPS search (SPEC §6) then a separate burst run, for one scenario × max_concurrency.
 * Rows are returned, not written: the caller appends each as soon as it is returned.
 */
export async function measureScenario(
	context: RunContext,
	job: ScenarioJob,
	record: (row: ResultRow) => void,
): Promise<Interruption | null> {
	const {candidate, scenario, maxConcurrency} = job;
	const rowContext = context.frameworks.get(candidate.framework)!.rowContext!;
	const base = {candidate, scenario, maxConcurrency, ...job.common};
	const isDone = (loadMode: 'steady' | 'burst') => context.doneKeys.has(rowKey({framework: candidate.framework, candidate_id: candidate.id, workload: {scenario: scenario.name, max_concurrency: maxConcurrency, load_mode: loadMode}} as ResultRow));
	let interruption: Interruption | null = null;
	let warmup = context.plan.benchmark.warmupRequests;
	const qps = context.plan.benchmark.qps;
	if (!isDone('steady')) {
		const search = await searchQps<Measured>(qps, async (rate, round) => {
			const outcome = await runBench(context, {candidate, server: job.server, scenario, requestRate: rate, maxConcurrency, round, label: `${concLabel(maxConcurrency)}-steady-r${round}-qps${rate}`, warmupRequests: warmup, signal: job.signal});
			warmup = 0;
			if (outcome.kind !== 'measured') {
				interruption = outcome;
				return null;
			}

			const failedAll = allFailed(outcome);
			const passed = outcome.sla.passed && failedAll === null;
			context.bus.emit({type: 'qps-round-finished', candidateId: candidate.id, scenario: scenario.name, maxConcurrency, round, requestRate: rate, passed, ...(passed ? {} : {reason: failedAll ?? outcome.sla.failures.join('; ')})});
			return {passed, measurement: outcome};
		});
		if (search.interrupted) return interruption;
		const chosen = search.best ?? search.rounds[0];
		if (chosen) {
			const m = chosen.measurement;
			const failedAll = allFailed(m);
			const input: RowInput = {
				...base,
				loadMode: 'steady',
				status: failedAll ? 'failed' : 'ok',
				failureReason: failedAll ?? (search.best ? null : `SLA not met even at the lower bound ${qps.lower} req/s: ${m.sla.failures.join('; ')}`),
				requestRate: chosen.requestRate,
				metrics: m.metrics,
				sla: search.best ? m.sla : {passed: false, failures: m.sla.failures},
				qpsRounds: roundsOf(search.rounds),
				benchmarkCommand: await job.benchmarkCommand(chosen.requestRate),
				rawResult: m.rawFile,
			};
			record(buildRow(rowContext, input));
		}
	}

	if (!isDone('burst')) {
		const outcome = await runBench(context, {candidate, server: job.server, scenario, requestRate: Number.POSITIVE_INFINITY, maxConcurrency, round: null, label: `${concLabel(maxConcurrency)}-burst`, warmupRequests: warmup, signal: job.signal});
		if (outcome.kind !== 'measured') return outcome;
		const failedAll = allFailed(outcome);
		record(buildRow(rowContext, {
			...base,
			loadMode: 'burst',
			status: failedAll ? 'failed' : 'ok',
			failureReason: failedAll,
			requestRate: 'inf',
			metrics: outcome.metrics,
			sla: outcome.sla,
			benchmarkCommand: await job.benchmarkCommand('inf'),
			rawResult: outcome.rawFile,
		}));
	}

	return null;
}
