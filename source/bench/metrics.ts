import type {BenchSummary, GoodputSla, RequestRecord} from './bench-types.js';
import type {Metrics} from '../results/result-row.js';
import {latencyMetrics} from '../results/result-row.js';
import {mean, percentileSorted} from './stats.js';

/**
 * Aggregates per-request records the way the native clients do (docs/native-clients.md):
 * latency stats over successful requests only, ITL pooled over every chunk gap, TPOT excluding the
 * first token and only for requests with more than one output token, throughputs over the measured
 * duration. Pure: same records, same summary.
 */

export type SummarizeOptions = {
	readonly durationS: number;
	readonly goodput?: GoodputSla | null;
	readonly requestRate?: number | 'inf';
	readonly maxConcurrency?: number | null;
	readonly numPrompts?: number;
	readonly notes?: readonly string[];
	/** How the sends were timed (run-benchmark.ts), for the summary. */
	readonly sender?: string;
	readonly clientNotes?: readonly string[];
};

export function tpotMs(record: RequestRecord): number | null {
	if (!record.success || record.ttftMs === null || record.e2eMs === null) return null;
	if (record.outputTokens === null || record.outputTokens <= 1) return null;
	return (record.e2eMs - record.ttftMs) / (record.outputTokens - 1);
}

/** A request is "good" when every given per-request bound holds (vLLM's --goodput semantics). */
export function meetsGoodput(record: RequestRecord, sla: GoodputSla): boolean {
	if (!record.success) return false;
	if (sla.ttftMs !== undefined && (record.ttftMs === null || record.ttftMs > sla.ttftMs)) return false;
	if (sla.e2eMs !== undefined && (record.e2eMs === null || record.e2eMs > sla.e2eMs)) return false;
	// vLLM counts TPOT as 0 for single-token requests in its goodput list; same here.
	if (sla.tpotMs !== undefined && (tpotMs(record) ?? 0) > sla.tpotMs) return false;
	return true;
}

function statsInto(target: Record<string, number | null>, metric: string, values: number[]): void {
	values.sort((a, b) => a - b);
	target[`mean_${metric}_ms`] = mean(values);
	for (const p of [50, 90, 95, 99]) target[`p${p}_${metric}_ms`] = percentileSorted(values, p);
}

export function summarize(records: readonly RequestRecord[], options: SummarizeOptions): BenchSummary {
	const ok = records.filter(record => record.success);
	const ttfts: number[] = [];
	const tpots: number[] = [];
	const itls: number[] = [];
	const e2es: number[] = [];
	let outputTokens = 0;
	let inputTokens = 0;
	for (const record of ok) {
		if (record.ttftMs !== null) ttfts.push(record.ttftMs);
		if (record.e2eMs !== null) e2es.push(record.e2eMs);
		const tpot = tpotMs(record);
		if (tpot !== null) tpots.push(tpot);
		for (const gap of record.itlMs) itls.push(gap);
		outputTokens += record.outputTokens ?? 0;
		inputTokens += record.promptTokens ?? 0;
	}
	const latency: Record<string, number | null> = {};
	statsInto(latency, 'ttft', ttfts);
	statsInto(latency, 'tpot', tpots);
	statsInto(latency, 'itl', itls);
	statsInto(latency, 'e2e', e2es);

	const errors: Record<string, number> = {};
	for (const record of records) {
		if (!record.success) {
			const reason = record.error ?? 'unknown error';
			errors[reason] = (errors[reason] ?? 0) + 1;
		}
	}
	const durationS = options.durationS;
	const perSecond = (count: number): number => (durationS > 0 ? count / durationS : 0);
	const goodput = options.goodput && Object.keys(options.goodput).length > 0 ? options.goodput : null;
	const numPrompts = options.numPrompts ?? records.length;
	return {
		requestRate: options.requestRate ?? 'inf',
		maxConcurrency: options.maxConcurrency ?? null,
		numPrompts,
		completed: ok.length,
		failed: records.length - ok.length,
		durationS,
		successRate: records.length > 0 ? ok.length / records.length : 0,
		requestThroughput: perSecond(ok.length),
		requestGoodput: goodput ? perSecond(ok.filter(record => meetsGoodput(record, goodput)).length) : null,
		outputTokenThroughput: perSecond(outputTokens),
		totalTokenThroughput: perSecond(outputTokens + inputTokens),
		latency,
		errors,
		records,
		notes: options.notes ?? [],
		...(options.sender === undefined ? {} : {sender: options.sender}),
		...(options.clientNotes && options.clientNotes.length > 0 ? {clientNotes: options.clientNotes} : {}),
	};
}

/** The ResultRow `metrics` block. A figure nobody measured is null, never 0. */
export function toRowMetrics(summary: BenchSummary): Metrics {
	const measured = summary.completed + summary.failed > 0;
	const rate = (value: number): number | null => (measured && summary.durationS > 0 ? value : null);
	const latency: Record<string, number | null> = {};
	for (const stat of ['mean', 'p50', 'p90', 'p95', 'p99']) {
		for (const metric of latencyMetrics) {
			const key = `${stat}_${metric}_ms`;
			const value = summary.latency[key];
			latency[key] = value === undefined || value === null || !Number.isFinite(value) ? null : value;
		}
	}
	return {
		request_throughput: rate(summary.requestThroughput),
		request_goodput: summary.requestGoodput === null ? null : rate(summary.requestGoodput),
		output_token_throughput: rate(summary.outputTokenThroughput),
		total_token_throughput: rate(summary.totalTokenThroughput),
		success_rate: measured ? summary.successRate : null,
		completed: measured ? summary.completed : null,
		failed: measured ? summary.failed : null,
		duration_s: measured ? summary.durationS : null,
		...latency,
	} as Metrics;
}
