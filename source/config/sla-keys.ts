import {didYouMean} from './did-you-mean.js';
import type {IssueSink} from './issue-sink.js';
import type {PathSegment} from './yaml-source.js';
import {ambiguousSlaMetric, parseSlaKey, slaGrammarText, slaStats, validSlaKeys} from '../sla/grammar.js';

/**
 * Validates a plan's SLA block against the one grammar (source/sla/grammar.ts). A key without a
 * statistic (`max_ttft_ms`) is refused rather than guessed: p50 and p99 bounds mean very
 * different deployments.
 */
export function validateSlaKeys(sink: Pick<IssueSink, 'error'>, sla: Readonly<Record<string, number>>, path: readonly PathSegment[]): void {
	for (const [key, value] of Object.entries(sla)) {
		const at = [...path, key];
		const vague = ambiguousSlaMetric(key);
		if (vague) {
			sink.error(at, `ambiguous SLA key '${key}': name the statistic, e.g. 'max_p99_${vague}_ms' or 'max_p50_${vague}_ms' (stats: ${slaStats.join(', ')})`);
			continue;
		}

		const parsed = parseSlaKey(key);
		if (!parsed) {
			sink.error(at, `unknown SLA key '${key}'${didYouMean(key, validSlaKeys)}; valid: ${slaGrammarText}`);
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
