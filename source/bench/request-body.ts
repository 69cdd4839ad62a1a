import type {BenchOptions, WorkloadRow} from './bench-types.js';

/**
 * The JSON body for one row. Exact output length is forced the way all three servers accept
 * (facts/frameworks.md §3.4): max_tokens + ignore_eos + min_tokens, greedy. Usage is requested so
 * output tokens come from the server. Per-row options override the run's, which override ours.
 */
export function requestBody(options: BenchOptions, row: WorkloadRow): string {
	const body: Record<string, unknown> = {
		model: options.model,
		stream: true,
		stream_options: {include_usage: true},
		max_tokens: row.output_len,
		min_tokens: row.output_len,
		ignore_eos: true,
		temperature: 0,
	};
	if (options.endpoint === '/v1/chat/completions') {
		// Chat's newer name for the same limit; all three servers know both.
		body.max_completion_tokens = row.output_len;
		body.messages = typeof row.prompt === 'string' ? [{role: 'user', content: row.prompt}] : row.prompt;
	} else {
		body.prompt = row.prompt;
	}
	Object.assign(body, options.extraRequestBody, row.extra_request_body);
	return JSON.stringify(body);
}
