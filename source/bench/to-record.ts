import type {RequestRecord} from './bench-types.js';
import type {StreamResult} from './stream-request.js';

/**
 * Turns a raw stream result into a per-request record in server time (÷ timeScale). A stream that
 * ended cleanly but produced no content, or fewer tokens than the forced output length, is a
 * failure with its reason: a short answer would otherwise flatter every throughput figure.
 */
export type RecordContext = {
	readonly index: number;
	readonly scheduledMs: number;
	readonly startMs: number;
	readonly timeScale: number;
	readonly requestedOutputTokens: number;
	/** False when the caller turned off ignore_eos: shorter outputs are then legitimate. */
	readonly exactOutput: boolean;
	readonly datasetPromptTokens: number | null;
};

function failureOf(result: StreamResult, context: RecordContext): string | null {
	if (result.error) return result.error;
	if (result.ttftMs === null) return 'no content received: the stream finished without a token';
	if (!context.exactOutput) return null;
	const requested = context.requestedOutputTokens;
	if (result.completionTokens !== null && result.completionTokens < requested) {
		return `truncated output: ${result.completionTokens} of ${requested} tokens (finish_reason ${result.finishReason ?? 'none'})`;
	}
	if (result.completionTokens === null && result.finishReason === 'stop' && result.contentChunks < requested) {
		return `truncated output: stopped after ${result.contentChunks} chunks of ${requested} tokens`;
	}
	return null;
}

export function toRecord(result: StreamResult, context: RecordContext): RequestRecord {
	const scale = context.timeScale;
	const error = failureOf(result, context);
	const usage = result.completionTokens !== null;
	return {
		index: context.index,
		scheduledMs: context.scheduledMs / scale,
		sentMs: (result.sentMs - context.startMs) / scale,
		ttftMs: result.ttftMs === null ? null : result.ttftMs / scale,
		e2eMs: result.e2eMs === null ? null : result.e2eMs / scale,
		itlMs: scale === 1 ? result.itlMs : result.itlMs.map(gap => gap / scale),
		promptTokens: result.promptTokens ?? context.datasetPromptTokens,
		outputTokens: usage ? result.completionTokens : result.ttftMs === null ? null : result.contentChunks,
		outputTokensSource: usage ? 'usage' : result.ttftMs === null ? null : 'chunks',
		requestedOutputTokens: context.requestedOutputTokens,
		success: error === null,
		error,
	};
}
