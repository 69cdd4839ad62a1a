import type {RequestRecord} from '../bench/bench-types.js';
import {tpotMs} from '../bench/metrics.js';

/**
 * Per-request records of one batch as JSONL (one line per request, server-time milliseconds), kept
 * beside the raw result so an outlier in a percentile can be looked up: when it was sent, how long
 * it waited for its first token, every inter-token gap, and why it failed.
 */

const ms = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 1000);

export function requestRecordsJsonl(records: readonly RequestRecord[]): string {
	return (
		records
			.map(record =>
				JSON.stringify({
					index: record.index,
					scheduled_ms: ms(record.scheduledMs),
					sent_ms: ms(record.sentMs),
					ttft_ms: ms(record.ttftMs),
					tpot_ms: ms(tpotMs(record)),
					e2e_ms: ms(record.e2eMs),
					itl_ms: record.itlMs.map(gap => ms(gap)),
					prompt_tokens: record.promptTokens,
					output_tokens: record.outputTokens,
					success: record.success,
					error: record.error,
				}),
			)
			.join('\n') + (records.length > 0 ? '\n' : '')
	);
}
