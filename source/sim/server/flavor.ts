import type {SimFramework} from '../perf/engine-config.js';

/** How the three frameworks differ on the wire (docs/frameworks.md). */
export type Flavor = {
	readonly framework: SimFramework;
	readonly ownedBy: string;
	/** JSON of the chat role-only first delta. */
	readonly roleDelta: string;
	/** Once `stream_options` is present, is usage included unless it says otherwise? */
	readonly includeUsageDefault: boolean;
	/** Chat requests without max_tokens: vLLM/TRT generate until EOS; SGLang too. */
	readonly sseSuffix: string;
	errorBody(status: number, message: string): unknown;
	overContext(promptTokens: number, maxTokens: number, limit: number): string;
};

const phrases: Record<number, string> = {400: 'Bad Request', 404: 'Not Found', 503: 'Service Unavailable', 500: 'Internal Server Error'};

export const flavors: Record<SimFramework, Flavor> = {
	vllm: {
		framework: 'vllm',
		ownedBy: 'vllm',
		roleDelta: '{"role":"assistant","content":""}',
		includeUsageDefault: true,
		sseSuffix: '\n\n',
		errorBody: (status, message) => ({error: {message, type: phrases[status]?.replaceAll(' ', '') ?? 'Error', param: null, code: status}}),
		overContext: (prompt, max, limit) =>
			`This model's maximum context length is ${limit} tokens. However, you requested ${prompt + max} tokens (${prompt} in the messages, ${max} in the completion). Please reduce the length of the messages or completion.`,
	},
	sglang: {
		framework: 'sglang',
		ownedBy: 'sglang',
		roleDelta: '{"role":"assistant","content":"","reasoning_content":null,"tool_calls":null}',
		includeUsageDefault: false,
		sseSuffix: '\n\n',
		errorBody: (status, message) => ({object: 'error', message, type: phrases[status] ?? 'Error', param: null, code: status}),
		overContext: (prompt, max, limit) =>
			`Requested token count exceeds the model's maximum context length of ${limit} tokens. You requested a total of ${prompt + max} tokens: ${prompt} tokens from the input messages and ${max} tokens for the completion. Please reduce the number of tokens in the input messages or the completion to fit within the limit.`,
	},
	tensorrt_llm: {
		framework: 'tensorrt_llm',
		ownedBy: 'tensorrt_llm',
		roleDelta: '{"role":"assistant"}',
		includeUsageDefault: true,
		// TensorRT-LLM writes a space before the blank line.
		sseSuffix: ' \n\n',
		errorBody: (status, message) => ({object: 'error', message, type: 'BadRequestError', param: null, code: status}),
		overContext: (prompt, max, limit) => `The sum of prompt length (${prompt}) and max_tokens (${max}) should not exceed max_seq_len (${limit})`,
	},
};
