import type {RequestBodyStyle} from '../../bench/request-body.js';

/**
 * SGLang's ChatCompletionRequest: `max_completion_tokens`, with `max_tokens` deprecated in its
 * favour (python/sglang/srt/entrypoints/openai/protocol.py); min_tokens / ignore_eos are its
 * sampling extras on both endpoints.
 */
export const sglangRequestBody: RequestBodyStyle = {chatLimitField: 'max_completion_tokens'};
