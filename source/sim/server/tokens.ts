/**
 * Token accounting of the simulated server, documented here because clients see it:
 * - a prompt given as token ids counts its ids;
 * - text counts ~4 characters per token (ceil), a chat message adds 4 template tokens, the reply
 *   header 3 — a deterministic estimate, no tokenizer;
 * - without `ignore_eos`, generation stops at a deterministic pseudo-EOS between 32 and 511 tokens
 *   derived from the prompt; `min_tokens` and `max_tokens` bound it.
 * The generated text is a filler word stream, one word per token.
 */
const words = [
	' the',
	' model',
	' serves',
	' tokens',
	' quickly',
	' and',
	' batches',
	' many',
	' requests',
	' on',
	' a',
	' simulated',
	' GPU',
	' with',
	' plausible',
	' latency',
	'.',
];

const wordsJson = words.map(word => JSON.stringify(word));

export function tokenText(index: number): string {
	return words[index % words.length]!;
}

/** tokenText as a JSON string literal, encoded once: chunks are templated, never stringified. */
export function tokenJson(index: number): string {
	return wordsJson[index % words.length]!;
}

export function textTokens(text: string): number {
	return Math.ceil(text.length / 4);
}

export function hashString(text: string): number {
	let hash = 2_166_136_261;
	for (let i = 0; i < text.length; i += Math.max(1, Math.floor(text.length / 256))) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 16_777_619);
	}

	return (hash ^ text.length) >>> 0;
}

export function pseudoEosLength(seedText: string): number {
	return 32 + (hashString(seedText) % 480);
}

export type PromptCount = {readonly tokens: number; readonly seedText: string} | {readonly error: string};

/** `/v1/completions` prompt: string, list of strings, token ids, or a list of token-id lists (first one used). */
export function countCompletionPrompt(prompt: unknown): PromptCount {
	if (typeof prompt === 'string') {
		return {tokens: Math.max(1, textTokens(prompt)), seedText: prompt};
	}

	if (Array.isArray(prompt) && prompt.length > 0) {
		const first: unknown = prompt[0];
		if (typeof first === 'number') {
			if (!prompt.every(id => Number.isInteger(id) && (id as number) >= 0)) {
				return {error: 'prompt token ids must be non-negative integers'};
			}

			return {tokens: prompt.length, seedText: prompt.slice(0, 64).join(',')};
		}

		if (typeof first === 'string' || Array.isArray(first)) {
			return countCompletionPrompt(first);
		}
	}

	return {error: 'prompt must be a string, a list of strings, or a list of token ids'};
}

export function countChatPrompt(messages: unknown): PromptCount {
	if (!Array.isArray(messages) || messages.length === 0) {
		return {error: 'messages must be a non-empty list'};
	}

	let tokens = 3;
	let seedText = '';
	for (const message of messages) {
		const content: unknown = (message as {content?: unknown} | null)?.content;
		const text =
			typeof content === 'string'
				? content
				: Array.isArray(content)
					? content.map(part => (typeof (part as {text?: unknown})?.text === 'string' ? (part as {text: string}).text : '')).join('')
					: '';
		tokens += 4 + textTokens(text);
		seedText += text;
	}

	return {tokens, seedText};
}
