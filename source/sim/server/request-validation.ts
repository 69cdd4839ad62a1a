import type {SimFramework} from '../perf/engine-config.js';

/**
 * Request-body strictness per framework (see source/sim/README.md). vLLM and SGLang accept unknown
 * fields (vLLM's OpenAIBaseModel is `extra="allow"` and logs them; SGLang's models ignore them).
 * TensorRT-LLM's request models are `extra="forbid"` (tensorrt_llm/serve/openai_protocol.py,
 * OpenAIBaseModel): any field the model does not declare is a 400 with pydantic's error list.
 * The field sets below are those of the newest CompletionRequest / ChatCompletionRequest.
 */
const trtllmCompletionFields = new Set([
	'model',
	'prompt',
	'best_of',
	'echo',
	'frequency_penalty',
	'logit_bias',
	'logprobs',
	'max_tokens',
	'n',
	'presence_penalty',
	'seed',
	'stop',
	'stream',
	'stream_options',
	'suffix',
	'temperature',
	'top_p',
	'user',
	'lora_request',
	'prompt_ignore_length',
	'use_beam_search',
	'top_k',
	'top_p_min',
	'min_p',
	'repetition_penalty',
	'length_penalty',
	'early_stopping',
	'stop_token_ids',
	'include_stop_str_in_output',
	'ignore_eos',
	'min_tokens',
	'skip_special_tokens',
	'spaces_between_special_tokens',
	'truncate_prompt_tokens',
	'return_context_logits',
	'detokenize',
	'thinking_token_budget',
	'add_special_tokens',
	'response_format',
	'disaggregated_params',
	'priority',
	'conversation_params',
]);

/** `max_completion_tokens` is declared with `validation_alias='max_tokens'` (and populate_by_name). */
const trtllmChatFields = new Set([
	'messages',
	'prompt_token_ids',
	'prompt_token_ids_b64',
	'model',
	'frequency_penalty',
	'logit_bias',
	'logprobs',
	'top_logprobs',
	'max_completion_tokens',
	'n',
	'presence_penalty',
	'response_format',
	'seed',
	'stop',
	'stream',
	'stream_options',
	'temperature',
	'top_p',
	'tools',
	'tool_choice',
	'parallel_tool_calls',
	'user',
	'reasoning_effort',
	'thinking',
	'thinking_token_budget',
	'prompt_ignore_length',
	'best_of',
	'use_beam_search',
	'top_k',
	'top_p_min',
	'min_p',
	'repetition_penalty',
	'length_penalty',
	'early_stopping',
	'stop_token_ids',
	'include_stop_str_in_output',
	'ignore_eos',
	'min_tokens',
	'skip_special_tokens',
	'spaces_between_special_tokens',
	'truncate_prompt_tokens',
	'lora_request',
	'echo',
	'add_generation_prompt',
	'add_special_tokens',
	'documents',
	'chat_template',
	'chat_template_kwargs',
	'injected_chat_template_kwargs',
	'media_io_kwargs',
	'disaggregated_params',
	'conversation_params',
	'cache_salt',
	'priority',
	'agent_hierarchy',
	'mm_processor_kwargs',
]);

const streamOptionFields = new Set(['include_usage', 'continuous_usage_stats']);

type PydanticError = {type: string; loc: Array<string | number>; msg: string; input: unknown};

/** Python's json.dumps spacing (", " and ": "), as the real message is printed. */
function pythonJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
	if (value !== null && typeof value === 'object') {
		return `{${Object.entries(value)
			.map(([key, item]) => `${JSON.stringify(key)}: ${pythonJson(item)}`)
			.join(', ')}}`;
	}

	return JSON.stringify(value) ?? 'null';
}

function trtllmErrors(chat: boolean, body: Record<string, unknown>): PydanticError[] {
	const errors: PydanticError[] = [];
	for (const required of chat ? ['messages', 'model'] : ['model', 'prompt']) {
		if (!(required in body)) errors.push({type: 'missing', loc: ['body', required], msg: 'Field required', input: body});
	}

	const declared = chat ? trtllmChatFields : trtllmCompletionFields;
	// The alias wins when both are sent; the field's own name is then an extra input.
	const aliasUsed = chat && 'max_tokens' in body;
	for (const [key, input] of Object.entries(body)) {
		if (chat && key === 'max_tokens') continue;
		if (!declared.has(key) || (aliasUsed && key === 'max_completion_tokens')) {
			errors.push({type: 'extra_forbidden', loc: ['body', key], msg: 'Extra inputs are not permitted', input});
		}
	}

	const options = body.stream_options;
	if (options !== null && typeof options === 'object' && !Array.isArray(options)) {
		for (const [key, input] of Object.entries(options)) {
			if (!streamOptionFields.has(key))
				errors.push({type: 'extra_forbidden', loc: ['body', 'stream_options', key], msg: 'Extra inputs are not permitted', input});
		}
	}

	return errors;
}

/** The 400 body the framework answers for this request, or null when it accepts the fields. */
export function rejectRequestBody(framework: SimFramework, chat: boolean, body: Record<string, unknown>): unknown {
	if (framework !== 'tensorrt_llm') return null;
	const errors = trtllmErrors(chat, body);
	if (errors.length === 0) return null;
	return {object: 'error', message: pythonJson(errors), type: 'BadRequestError', param: null, code: 400};
}
