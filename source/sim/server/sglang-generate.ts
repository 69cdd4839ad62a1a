import type {ServerResponse} from 'node:http';
import {performance} from 'node:perf_hooks';
import type {NativeRequest, NativeWriter} from './native-stream.js';
import type {NativeHost} from './native-routes.js';
import {countCompletionPrompt, pseudoEosLength, tokenText} from './tokens.js';

/**
 * SGLang's native `POST|PUT /generate` (sglang `srt/entrypoints/http_server.py`, `GenerateReqInput`,
 * `SamplingParams`), as its own `bench_serving --backend sglang` and its warm-up use it:
 * `{text | input_ids, sampling_params: {max_new_tokens = 128, min_new_tokens, ignore_eos}, stream}`.
 * Each streamed chunk is `data: {"text", "output_ids", "meta_info"}` with the text and ids so far
 * (SGLang's default, non-incremental streaming output), then `data: [DONE]`. A request the
 * tokenizer manager rejects (ValueError) is a 400 `{"error": {"message"}}` — or, when streaming, a
 * 200 whose only event is that error, then [DONE], exactly as SGLang's stream generator does.
 */

/** SamplingParams' default when a request gives no max_new_tokens. */
const defaultMaxNewTokens = 128;
/** The id reported as the matched stop token when the pseudo-EOS ends a request. */
const simEosTokenId = 2;

type Body = Record<string, unknown>;
type Sampling = {max_new_tokens?: unknown; min_new_tokens?: unknown; ignore_eos?: unknown};

export function tokenId(index: number): number {
	return 1000 + (index % 17);
}

function errorEvent(res: ServerResponse, message: string): void {
	res.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8'});
	res.end(`data: ${JSON.stringify({error: {message}})}\n\ndata: [DONE]\n\n`);
}

function valueError(res: ServerResponse, stream: boolean, message: string): void {
	if (stream) {
		errorEvent(res, message);
		return;
	}

	const text = JSON.stringify({error: {message}});
	res.writeHead(400, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)}).end(text);
}

/** The rid SGLang makes when the request names none: a uuid4 hex; here derived from the counter. */
function rid(body: Body, id: number): string {
	return typeof body.rid === 'string' ? body.rid : id.toString(16).padStart(32, '0');
}

function writer(options: {body: Body; promptTokens: number; stream: boolean; id: number; cachedTokens: number; startedMs: number}): NativeWriter {
	const requestId = rid(options.body, options.id);
	let text = '';
	let ids = '';
	let count = 0;
	let finishJson = 'null';
	const meta = (final: boolean): string =>
		`{"id":"${requestId}","finish_reason":${final && count === 0 ? '{"type":"length","length":0}' : finishJson},"prompt_tokens":${options.promptTokens},"weight_version":"default","completion_tokens":${count},"cached_tokens":${options.cachedTokens}${final ? `,"e2e_latency":${((performance.now() - options.startedMs) / 1000).toFixed(6)}` : ''}}`;
	return {
		token(index, finish) {
			text += tokenText(index);
			ids += (count === 0 ? '' : ',') + String(tokenId(index));
			count++;
			if (finish !== null) {
				finishJson = finish === 'length' ? `{"type":"length","length":${count}}` : `{"type":"stop","matched":${simEosTokenId}}`;
			}

			return options.stream ? `data: {"text":${JSON.stringify(text)},"output_ids":[${ids}],"meta_info":${meta(finish !== null)}}\n\n` : '';
		},
		end: () => 'data: [DONE]\n\n',
		body: () => JSON.parse(`{"text":${JSON.stringify(text)},"output_ids":[${ids}],"meta_info":${meta(true)}}`) as unknown,
	};
}

export function sglangGenerate(host: NativeHost, res: ServerResponse, raw: string): void {
	let body: Body;
	try {
		const parsed: unknown = JSON.parse(raw);
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw new Error('Input should be a valid dictionary or object to extract fields from');
		}

		body = parsed as Body;
	} catch (error) {
		// FastAPI's request validation, turned into a 400 by SGLang's handler.
		host.sendError(res, 400, `Invalid request body: ${(error as Error).message}`);
		return;
	}

	const stream = body.stream === true;
	const sources = [body.text, body.input_ids, body.input_embeds].filter(value => value !== undefined && value !== null);
	if (sources.length !== 1) {
		valueError(res, stream, 'Exactly one of text, input_ids, or input_embeds should be provided.');
		return;
	}

	const prompt = sources[0];
	if (Array.isArray(prompt) && (typeof prompt[0] === 'string' || Array.isArray(prompt[0])) && body.input_embeds === undefined) {
		valueError(res, stream, 'the simulated SGLang server takes one prompt per /generate request (a batch list is not simulated)');
		return;
	}

	const count =
		body.input_embeds === undefined
			? countCompletionPrompt(prompt)
			: Array.isArray(prompt)
				? {tokens: prompt.length, seedText: String(prompt.length)}
				: {error: 'input_embeds must be a list'};
	if ('error' in count) {
		host.sendError(res, 400, count.error);
		return;
	}

	const sampling = (body.sampling_params ?? {}) as Sampling;
	if (typeof sampling !== 'object' || Array.isArray(sampling)) {
		host.sendError(res, 400, 'sampling_params must be a dict');
		return;
	}

	const maxTokens = sampling.max_new_tokens === undefined || sampling.max_new_tokens === null ? defaultMaxNewTokens : sampling.max_new_tokens;
	if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 0) {
		valueError(res, stream, `max_new_tokens must be at least 0, got ${String(maxTokens)}.`);
		return;
	}

	const limit = host.options.maxContext;
	if (count.tokens >= limit) {
		valueError(res, stream, `The input (${count.tokens} tokens) is longer than the model's context length (${limit} tokens).`);
		return;
	}

	if (count.tokens + maxTokens > limit) {
		valueError(res, stream, host.options.flavor.overContext(count.tokens, maxTokens, limit));
		return;
	}

	const minTokens = typeof sampling.min_new_tokens === 'number' ? sampling.min_new_tokens : 0;
	const target = sampling.ignore_eos === true ? maxTokens : Math.min(maxTokens, Math.max(minTokens, pseudoEosLength(count.seedText)));
	const request: NativeRequest = {
		promptTokens: count.tokens,
		target,
		maxTokens,
		stream,
		prompt,
		writer: context => writer({body, promptTokens: count.tokens, stream, ...context}),
	};
	host.startNative(res, request);
}
