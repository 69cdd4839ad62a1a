import type {BenchSummary} from '../bench/bench-types.js';
import {summarize, toRowMetrics} from '../bench/metrics.js';
import {roundStatistics, type RoundStatistics} from '../bench/round-statistics.js';
import type {Metrics} from '../results/result-row.js';
import {checkSla} from '../sla/check-sla.js';
import {goodputFromSla} from '../sla/grammar.js';
import type {SlaVerdict} from '../sla/verdict.js';

/**
 * One measured point: every batch of requests sent at one rate, pooled. A round starts with one
 * batch; an undecided SLA verdict may add batches (the search's budget), and the figures, the
 * intervals and the verdict are recomputed over all of them: requests at one rate are exchangeable.
 */

export type Batch = {
	readonly summary: BenchSummary;
	/** Requests sent ÷ the span they were sent over; null for a burst. */
	readonly offeredRate: number | null;
	readonly rawFile: string;
	readonly recordsFile: string;
};

export type PooledRound = {
	readonly batches: readonly Batch[];
	readonly summary: BenchSummary;
	readonly metrics: Metrics;
	readonly statistics: RoundStatistics;
	readonly sla: SlaVerdict;
};

export type PoolOptions = {readonly sla: Readonly<Record<string, number>>; readonly targetRate: number | null; readonly warmupRequests: number};

function pooledOffered(batches: readonly Batch[]): number | null {
	const rates = batches.map(batch => batch.offeredRate).filter((rate): rate is number => rate !== null);
	if (rates.length === 0) return null;
	// Each batch's rate weighted by its requests: the rate over all sending windows together.
	const weights = batches.filter(batch => batch.offeredRate !== null).map(batch => batch.summary.records.length);
	const total = weights.reduce((sum, weight) => sum + weight, 0);
	return total > 0 ? rates.reduce((sum, rate, index) => sum + rate * weights[index]!, 0) / total : null;
}

export function poolBatches(batches: readonly Batch[], options: PoolOptions): PooledRound {
	const first = batches[0]!.summary;
	const goodput = goodputFromSla(options.sla);
	const summary =
		batches.length === 1
			? first
			: summarize(
					batches.flatMap(batch => batch.summary.records),
					{
						durationS: batches.reduce((sum, batch) => sum + batch.summary.durationS, 0),
						goodput,
						requestRate: first.requestRate,
						maxConcurrency: first.maxConcurrency,
						numPrompts: batches.reduce((sum, batch) => sum + batch.summary.numPrompts, 0),
						notes: [...new Set(batches.flatMap(batch => batch.summary.notes ?? []))],
					},
				);
	const offeredRate = pooledOffered(batches);
	const metrics: Metrics = {...toRowMetrics(summary), offered_request_rate: offeredRate};
	const statistics = roundStatistics(
		batches.map(batch => ({records: batch.summary.records, durationS: batch.summary.durationS})),
		{goodput: Object.keys(goodput).length > 0 ? goodput : null, targetRate: options.targetRate, offeredRate, warmupRequests: options.warmupRequests},
	);
	return {batches, summary, metrics, statistics, sla: checkSla(options.sla, metrics, statistics.intervals)};
}
