import type {RequestBodyStyle} from '../../bench/request-body.js';

/**
 * TensorRT-LLM's request models are `extra="forbid"` (tensorrt_llm/serve/openai_protocol.py,
 * OpenAIBaseModel) and the chat model declares `max_completion_tokens` with
 * `validation_alias='max_tokens'`: sending both is a 400 "Extra inputs are not permitted". The
 * alias is the spelling every release accepts (populate_by_name, which also admits the field name,
 * is newer), so chat sends `max_tokens` only. min_tokens / ignore_eos are declared on both models.
 */
export const tensorrtLlmRequestBody: RequestBodyStyle = {chatLimitField: 'max_tokens'};
