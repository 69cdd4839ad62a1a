import type {RequestBodyStyle} from '../../bench/request-body.js';

/**
 * vLLM's ChatCompletionRequest declares `max_completion_tokens` and keeps `max_tokens` as a
 * deprecated synonym (vllm/entrypoints/openai/chat_completion/protocol.py); its models allow
 * extra fields, so min_tokens / ignore_eos are fine on both endpoints.
 */
export const vllmRequestBody: RequestBodyStyle = {chatLimitField: 'max_completion_tokens'};
