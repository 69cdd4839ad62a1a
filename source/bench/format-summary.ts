import type {BenchSummary} from './bench-types.js';
import {percentile} from './stats.js';

/** The summary table, laid out like `vllm bench serve` / `sglang.bench_serving` print theirs. */
export function formatSummary(summary: BenchSummary): string {
	const lines: string[] = [];
	const rule = (title: string): string => {
		const pad = Math.max(0, 50 - title.length - 2);
		return `${'='.repeat(Math.floor(pad / 2))} ${title} ${'='.repeat(Math.ceil(pad / 2))}`;
	};
	const row = (label: string, value: number | string | null, digits = 2): void => {
		const text = value === null ? 'n/a' : typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(digits)) : value;
		lines.push(`${label.padEnd(40)}${text.padStart(10)}`);
	};
	lines.push(rule('Serving Benchmark Result'));
	row('Request rate (req/s):', summary.requestRate === 'inf' ? 'inf' : summary.requestRate);
	row('Max concurrency:', summary.maxConcurrency ?? 'none');
	row('Successful requests:', summary.completed);
	row('Failed requests:', summary.failed);
	row('Success rate:', `${(summary.successRate * 100).toFixed(1)}%`);
	row('Benchmark duration (s):', summary.durationS);
	row('Request throughput (req/s):', summary.requestThroughput);
	if (summary.requestGoodput !== null) row('Request goodput (req/s):', summary.requestGoodput);
	row('Output token throughput (tok/s):', summary.outputTokenThroughput);
	row('Total token throughput (tok/s):', summary.totalTokenThroughput);
	const titles = {ttft: 'Time to First Token', tpot: 'Time per Output Token (excl. 1st token)', itl: 'Inter-token Latency', e2e: 'End-to-end Latency'};
	for (const [metric, title] of Object.entries(titles)) {
		lines.push(rule(title).slice(0, 50));
		const upper = metric.toUpperCase();
		row(`Mean ${upper} (ms):`, summary.latency[`mean_${metric}_ms`] ?? null);
		for (const p of [50, 90, 95, 99]) row(`P${p} ${upper} (ms):`, summary.latency[`p${p}_${metric}_ms`] ?? null);
	}
	// Not in vllm's or SGLang's table: how far behind its schedule the client sent, so a reader can
	// tell whether the arrival process asked for is the one the server got.
	if (summary.requestRate !== 'inf' && summary.records.length > 0) {
		lines.push(rule('Client'));
		const lags = summary.records.map(record => record.sentMs - record.scheduledMs);
		row('P50 send lag vs schedule (ms):', percentile(lags, 50) ?? null, 3);
		row('P99 send lag vs schedule (ms):', percentile(lags, 99) ?? null, 3);
		row(
			'Max send lag vs schedule (ms):',
			lags.reduce((most, lag) => Math.max(most, lag), Number.NEGATIVE_INFINITY),
			3,
		);
	}
	if (summary.sender !== undefined) lines.push(`Sender: ${summary.sender}`);
	if (summary.failed > 0) {
		lines.push(rule('Failures'));
		for (const [reason, count] of Object.entries(summary.errors)) lines.push(`${String(count).padStart(6)} × ${reason}`);
	}
	for (const note of [...(summary.notes ?? []), ...(summary.clientNotes ?? [])]) lines.push(`note: ${note}`);
	lines.push('='.repeat(50));
	return lines.join('\n');
}
