/**
 * How a request that did not come through the OpenAI routes is written out: the server's deliver()
 * calls `token` once per generated token (its return is appended to this tick's write), then `end`
 * (streaming) or `body` (one JSON answer). See sglang-generate.ts.
 */
export type NativeWriter = {
	token(index: number, finish: 'length' | 'stop' | null): string;
	/** Last bytes of a stream, after the final token's chunk. */
	end(): string;
	/** The whole answer of a non-streaming request. */
	body(): unknown;
};

/** A request a native route parsed and validated, ready for the engine. */
export type NativeRequest = {
	readonly promptTokens: number;
	/** Tokens the engine will generate (max_new_tokens, or the pseudo-EOS point). */
	readonly target: number;
	readonly maxTokens: number;
	readonly stream: boolean;
	/** The prompt as sent (text, ids, messages): keyed into the prefix cache. */
	readonly prompt: unknown;
	readonly writer: (context: {id: number; cachedTokens: number; startedMs: number}) => NativeWriter;
};
