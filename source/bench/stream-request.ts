import http from 'node:http';
import https from 'node:https';
import {performance} from 'node:perf_hooks';
import {pacedWrite, type Pace, type PacedWrite} from './paced-write.js';

/**
 * One streamed OpenAI-compatible request, timed at each received buffer. SSE is parsed
 * incrementally: only complete `data:` lines are decoded, so a chunk split across TCP reads is
 * handled and nothing is re-scanned. Every failure resolves as data with a reason, never throws.
 */

export type StreamTarget = {
	readonly url: URL;
	readonly agent: http.Agent;
	readonly headers: Readonly<Record<string, string>>;
	readonly timeoutMs: number;
};

export type StreamResult = {
	readonly sentMs: number;
	readonly ttftMs: number | null;
	readonly e2eMs: number | null;
	readonly itlMs: number[];
	readonly contentChunks: number;
	readonly promptTokens: number | null;
	readonly completionTokens: number | null;
	readonly finishReason: string | null;
	readonly error: string | null;
};

type Choice = {text?: string; delta?: {content?: string | null; reasoning_content?: string | null; reasoning?: string | null}; finish_reason?: string | null};
type Chunk = {choices?: Choice[]; usage?: {prompt_tokens?: number; completion_tokens?: number} | null; error?: unknown; message?: string};

function errorMessage(payload: unknown): string {
	if (typeof payload === 'string') return payload;
	if (payload && typeof payload === 'object') {
		const object = payload as {error?: unknown; message?: unknown; detail?: unknown};
		if (object.error !== undefined) return errorMessage(object.error);
		if (typeof object.message === 'string') return object.message;
		if (object.detail !== undefined) return errorMessage(object.detail);
	}
	return JSON.stringify(payload);
}

function bodyMessage(text: string): string {
	try {
		return errorMessage(JSON.parse(text)).slice(0, 200);
	} catch {
		return text.trim().slice(0, 200);
	}
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a decoded chunk's shape, or null when it is an OpenAI-style chunk. */
export function chunkShapeProblem(chunk: unknown): string | null {
	if (!isObject(chunk)) return `not a JSON object but ${chunk === null ? 'null' : Array.isArray(chunk) ? 'an array' : typeof chunk}`;
	if (chunk.error !== undefined) return null;
	if (chunk.usage !== undefined && chunk.usage !== null && !isObject(chunk.usage)) return 'usage is not an object';
	if (chunk.choices === undefined || chunk.choices === null) return null;
	if (!Array.isArray(chunk.choices)) return 'choices is not a list';
	const choice: unknown = chunk.choices[0];
	if (choice === undefined) return null;
	if (!isObject(choice)) return 'a choice is not an object';
	if (choice.text !== undefined && choice.text !== null && typeof choice.text !== 'string') return 'text is not a string';
	if (choice.finish_reason !== undefined && choice.finish_reason !== null && typeof choice.finish_reason !== 'string') return 'finish_reason is not a string';
	if (choice.delta !== undefined && choice.delta !== null) {
		if (!isObject(choice.delta)) return 'delta is not an object';
		for (const key of ['content', 'reasoning_content', 'reasoning'] as const) {
			const value = choice.delta[key];
			if (value !== undefined && value !== null && typeof value !== 'string') return `delta.${key} is not a string`;
		}
	}

	return null;
}

export type InFlight = {cancel(reason: string): void};

/** http.request options without the URL parsing each call would redo: built once per target. */
const baseOptions = new WeakMap<StreamTarget, http.RequestOptions>();

function requestOptions(target: StreamTarget): http.RequestOptions {
	let options = baseOptions.get(target);
	if (!options) {
		const {url} = target;
		options = {
			protocol: url.protocol,
			hostname: url.hostname.replace(/^\[|\]$/g, ''),
			port: url.port || undefined,
			path: url.pathname + url.search,
			method: 'POST',
			agent: target.agent,
		};
		baseOptions.set(target, options);
	}
	return options;
}

function isSpace(code: number): boolean {
	return code === 32 || code === 9;
}

/**
 * Sends now, or with `pace` at `pace.atMs` by the paced sender's worker (the request is built now
 * and its bytes wait on a connected socket).
 */
export function streamRequest(target: StreamTarget, body: string, onDone: (result: StreamResult) => void, pace?: Pace): InFlight {
	/** Set right before the request is handed to the socket (request.end), not before building it; paced: when the worker began the write. */
	let sentMs = performance.now();
	let paced: PacedWrite | null = null;
	let ttftMs: number | null = null;
	let lastChoiceMs: number | null = null;
	let lastContentMs = 0;
	const itlMs: number[] = [];
	let contentChunks = 0;
	let promptTokens: number | null = null;
	let completionTokens: number | null = null;
	let finishReason: string | null = null;
	let sawDone = false;
	let settled = false;
	let buffer = '';

	const finish = (error: string | null): void => {
		if (settled) return;
		settled = true;
		clearTimeout(timer);
		if (paced) {
			paced.done();
			// Never sent (it failed or was cancelled first): the attempt ended now.
			sentMs = paced.sentMs() ?? performance.now();
		}
		onDone({
			sentMs,
			ttftMs,
			e2eMs: lastChoiceMs === null ? null : lastChoiceMs - sentMs,
			itlMs,
			contentChunks,
			promptTokens,
			completionTokens,
			finishReason,
			error,
		});
	};

	/** `text` from `from` to `to` is one line without its newline; only its `data:` value is cut out. */
	const onLine = (text: string, from: number, to: number, now: number): string | null => {
		if (!text.startsWith('data:', from)) return null; // comments (": ping"), event:/id: fields
		let begin = from + 5;
		let end = to;
		while (begin < end && isSpace(text.charCodeAt(begin))) begin++;
		while (end > begin && isSpace(text.charCodeAt(end - 1))) end--;
		const data = text.slice(begin, end);
		if (data === '[DONE]') {
			sawDone = true;
			return null;
		}
		if (data === '') return null;
		let parsed: unknown;
		try {
			parsed = JSON.parse(data);
		} catch {
			return `malformed stream chunk: ${data.slice(0, 80)}`;
		}
		// `data: null`, `data: 5`, `{"choices": "x"}`: a server bug is this request's failure, never a crash.
		const shapeProblem = chunkShapeProblem(parsed);
		if (shapeProblem) return `unexpected stream chunk (${shapeProblem}): ${data.slice(0, 80)}`;
		const chunk = parsed as Chunk;
		if (chunk.error !== undefined) return `stream error: ${errorMessage(chunk.error).slice(0, 200)}`;
		if (chunk.usage) {
			if (typeof chunk.usage.prompt_tokens === 'number') promptTokens = chunk.usage.prompt_tokens;
			if (typeof chunk.usage.completion_tokens === 'number') completionTokens = chunk.usage.completion_tokens;
		}
		const choice = chunk.choices?.[0];
		if (!choice) return null;
		lastChoiceMs = now;
		if (choice.finish_reason) finishReason = choice.finish_reason;
		if (choice.finish_reason === 'abort') return 'stream error: request aborted by the server';
		const delta = choice.delta;
		// The chat role-only chunk has empty content: not a token. Reasoning text counts (SGLang).
		const content = choice.text || delta?.content || delta?.reasoning_content || delta?.reasoning;
		if (!content) return null;
		if (ttftMs === null) ttftMs = now - sentMs;
		else itlMs.push(now - lastContentMs);
		lastContentMs = now;
		contentChunks++;
		return null;
	};

	// Whatever a chunk holds, a parse problem is this request's failure: the shape checks above should
	// catch all of them; this is the guard that keeps a missed one from killing the whole run.
	const safeLine = (text: string, from: number, to: number, now: number): string | null => {
		try {
			return onLine(text, from, to, now);
		} catch (error) {
			return `unexpected stream chunk: ${(error as Error).message}`;
		}
	};

	// A paced request waits on its socket up to the look-ahead; a keep-alive connection the server
	// closes meanwhile (uvicorn's idle timeout is 5 s) fails it though nothing was sent. That request
	// never reached the server, so it is sent once more on a fresh connection instead.
	let retried = false;
	const open = (): http.ClientRequest => {
		const attempt = (target.url.protocol === 'https:' ? https : http).request({
			...requestOptions(target),
			headers: {...target.headers, 'content-length': Buffer.byteLength(body)},
		});
		const current = (): boolean => attempt === request;
		attempt.on('response', response => {
			// A response follows the write, so the worker has stamped its time by now.
			if (paced) sentMs = paced.sentMs() ?? sentMs;
			response.setEncoding('utf8');
			if (response.statusCode !== 200) {
				let text = '';
				response.on('data', (part: string) => (text += part.length < 4096 ? part : ''));
				response.on('end', () => finish(`HTTP ${response.statusCode}: ${bodyMessage(text)}`));
				response.on('error', () => finish(`HTTP ${response.statusCode}`));
				return;
			}
			response.on('data', (part: string) => {
				if (settled) return;
				const now = performance.now();
				buffer += part;
				let start = 0;
				for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n', start)) {
					const end = newline > start && buffer.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
					const failure = end > start ? safeLine(buffer, start, end, now) : null;
					start = newline + 1;
					if (failure) {
						finish(failure);
						attempt.destroy();
						return;
					}
				}
				buffer = start === 0 ? buffer : buffer.slice(start);
			});
			response.on('end', () => {
				const rest = buffer.trimEnd();
				const failure = rest.length > 0 ? safeLine(rest, 0, rest.length, performance.now()) : null;
				finish(failure ?? (sawDone ? null : 'incomplete stream: connection closed before [DONE]'));
			});
			response.on('error', (error: NodeJS.ErrnoException) => finish(`connection error: ${error.code ?? error.message}`));
			response.on('close', () => finish('connection error: connection closed mid-stream'));
		});
		attempt.on('error', (error: NodeJS.ErrnoException) => {
			if (!current()) return;
			if (pace && paced && !retried && !settled && paced.sentMs() === null) {
				retried = true;
				paced.done();
				request = open();
				return;
			}
			finish(`connection error: ${error.code ?? error.message}`);
		});
		if (pace) {
			paced = pacedWrite(attempt, body, pace, code => {
				finish(`connection error: ${code}`);
				attempt.destroy();
			});
		} else {
			sentMs = performance.now();
			attempt.end(body);
		}
		return attempt;
	};
	let request = open();
	const timer = setTimeout(() => {
		finish(`timeout after ${target.timeoutMs} ms`);
		request.destroy();
	}, target.timeoutMs);

	return {
		cancel(reason: string) {
			finish(reason);
			request.destroy();
		},
	};
}
