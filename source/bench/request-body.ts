import type {WorkloadRow} from '../results/workload-row.js';
import type {BenchOptions} from './bench-types.js';

/**
 * How one server wants the exact-length request spelled (each framework's adapter owns one, in
 * `source/frameworks/<framework>/request-body.ts`). Only the name of the output limit differs
 * between the three today; a server with `extra="forbid"` request models (TensorRT-LLM) rejects a
 * body that carries a field it does not declare, so a style names exactly one limit field.
 */
export type RequestBodyStyle = {
	/** Field carrying the output limit on /v1/chat/completions. */
	readonly chatLimitField: 'max_tokens' | 'max_completion_tokens';
};

/**
 * Accepted by every OpenAI-compatible server we know: `max_tokens` is the one spelling all three
 * frameworks take on both endpoints (TensorRT-LLM's chat model declares it as the alias of
 * `max_completion_tokens`, vLLM and SGLang keep it as a deprecated synonym).
 */
export const portableBodyStyle: RequestBodyStyle = {chatLimitField: 'max_tokens'};

/**
 * The JSON body for one row. Exact output length is forced the way all three servers accept
 * (docs/frameworks.md): one output limit + ignore_eos + min_tokens, greedy. Usage is
 * requested so output tokens come from the server. Per-row options override the run's, which
 * override ours. Never both limit spellings: TensorRT-LLM answers that with a 400
 * (reference/real/sse/trtllm-400-extra-forbidden.json).
 */
export function requestBody(options: BenchOptions, row: WorkloadRow): string {
	const style = options.bodyStyle ?? portableBodyStyle;
	const chat = options.endpoint === '/v1/chat/completions';
	const body: Record<string, unknown> = {
		model: options.model,
		stream: true,
		stream_options: {include_usage: true},
		[chat ? style.chatLimitField : 'max_tokens']: row.output_len,
		min_tokens: row.output_len,
		ignore_eos: true,
		temperature: 0,
	};
	if (chat) {
		body.messages = typeof row.prompt === 'string' ? [{role: 'user', content: row.prompt}] : row.prompt;
	} else {
		body.prompt = row.prompt;
	}

	Object.assign(body, options.extraRequestBody, row.extra_request_body);
	// An extra body that names the other spelling replaces ours rather than doubling the limit.
	if (chat) {
		const other = style.chatLimitField === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
		const extra = {...options.extraRequestBody, ...row.extra_request_body};
		if (other in extra && !(style.chatLimitField in extra)) delete body[style.chatLimitField];
	}

	return JSON.stringify(body);
}
