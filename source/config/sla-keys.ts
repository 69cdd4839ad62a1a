import {didYouMean} from './did-you-mean.js';
import type {IssueSink} from './issue-sink.js';
import type {PathSegment} from './yaml-source.js';

export const slaStats = ['mean', 'p50', 'p90', 'p95', 'p99'] as const;
export const slaMetrics = ['ttft', 'tpot', 'itl', 'e2e'] as const;

/** Every latency bound the grammar `max_<stat>_<metric>_ms` allows, plus the two rate bounds. */
export const validSlaKeys: readonly string[] = [
	...slaStats.flatMap(stat => slaMetrics.map(metric => `max_${stat}_${metric}_ms`)),
	'min_success_rate',
	'min_request_goodput',
];

const ambiguous = new RegExp(`^max_(${slaMetrics.join('|')})_ms$`);

/**
 * docs/config.md SLA grammar. A key without a statistic (`max_ttft_ms`) is refused rather than guessed:
 * p50 and p99 bounds mean very different deployments.
 */
export function checkSla(sink: Pick<IssueSink, 'error'>, sla: Readonly<Record<string, number>>, path: readonly PathSegment[]): void {
	for (const [key, value] of Object.entries(sla)) {
		const at = [...path, key];
		const vague = ambiguous.exec(key);
		if (vague) {
			const metric = vague[1]!;
			sink.error(at, `ambiguous SLA key '${key}': name the statistic, e.g. 'max_p99_${metric}_ms' or 'max_p50_${metric}_ms' (stats: ${slaStats.join(', ')})`);
			continue;
		}

		if (!validSlaKeys.includes(key)) {
			sink.error(at, `unknown SLA key '${key}'${didYouMean(key, validSlaKeys)}; valid: max_<${slaStats.join('|')}>_<${slaMetrics.join('|')}>_ms, min_success_rate, min_request_goodput`);
			continue;
		}

		if (key === 'min_success_rate') {
			if (value < 0 || value > 1) {
				sink.error(at, `min_success_rate is a fraction: must be between 0 and 1, got ${value}`);
			}
		} else if (key === 'min_request_goodput') {
			if (value < 0) {
				sink.error(at, `min_request_goodput is requests per second: must be 0 or more, got ${value}`);
			}
		} else if (value <= 0) {
			sink.error(at, `a latency bound must be above 0 ms, got ${value}`);
		}
	}
}
