import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {performance} from 'node:perf_hooks';

/**
 * An OpenAI-compatible streaming server with known timing: the first token D1 ms after the
 * request arrives, then one token every D2 ms (scheduled against absolute times, so timer jitter
 * does not accumulate). `failure(n)` picks a failure mode for the n-th request (0-based), so every
 * way a request can go wrong is reproducible in tests.
 */

export type FailureMode =
	| 'http-500' // non-200 with an OpenAI-style error body
	| 'error-mid-stream' // 2 tokens, then an error chunk and [DONE] (vLLM style)
	| 'reset' // 2 tokens, then the socket is destroyed
	| 'hang' // headers, then nothing
	| 'truncate' // half the tokens, finish_reason "stop", honest usage
	| 'no-usage'; // all tokens but no usage chunk (server ignoring stream_options)

export type FixedTimingOptions = {
	readonly firstTokenMs: number;
	readonly tokenGapMs: number;
	readonly failure?: (requestIndex: number) => FailureMode | null;
};

export type FixedTimingServer = {
	readonly baseUrl: string;
	/** performance.now() at each request's arrival, in arrival order. */
	readonly arrivals: number[];
	/** Parsed request bodies, in arrival order. */
	readonly bodies: Array<Record<string, unknown>>;
	close(): Promise<void>;
};

type Body = {prompt?: unknown; messages?: unknown; max_tokens?: number; stream_options?: {include_usage?: boolean}};

function chunk(chat: boolean, text: string, finish: string | null): string {
	const choice = chat ? {index: 0, delta: {content: text}, finish_reason: finish} : {index: 0, text, finish_reason: finish};
	return `data: ${JSON.stringify({id: 'x', object: chat ? 'chat.completion.chunk' : 'text_completion', choices: [choice]})}\n\n`;
}

function promptTokens(body: Body): number {
	if (Array.isArray(body.prompt)) return body.prompt.length;
	return String(body.prompt ?? JSON.stringify(body.messages ?? '')).split(/\s+/).length;
}

export async function startFixedTimingServer(options: FixedTimingOptions): Promise<FixedTimingServer> {
	const arrivals: number[] = [];
	const bodies: Array<Record<string, unknown>> = [];
	const sockets = new Set<import('node:net').Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;
	// Never before `at`: Node's timers count whole milliseconds from the loop's cached clock, so one
	// can fire up to ~1 ms early against performance.now() (a first token at 29.4 ms of a 30 ms TTFT).
	// The last fraction is waited out on the next turns of the loop.
	const later = (at: number, run: () => void): void => {
		const left = at - performance.now();
		if (closed) return;
		if (left <= 0) {
			run();
			return;
		}
		if (left < 1) {
			setImmediate(() => later(at, run));
			return;
		}
		const timer = setTimeout(() => {
			timers.delete(timer);
			later(at, run);
		}, left);
		timers.add(timer);
	};
	const server = http.createServer((request, response) => {
		const arrived = performance.now();
		let raw = '';
		request.setEncoding('utf8');
		request.on('data', (part: string) => (raw += part));
		request.on('end', () => {
			const index = arrivals.length;
			arrivals.push(arrived);
			const body = JSON.parse(raw) as Body;
			bodies.push(body as Record<string, unknown>);
			const mode = options.failure?.(index) ?? null;
			const chat = request.url === '/v1/chat/completions';
			const total = body.max_tokens ?? 16;
			if (mode === 'http-500') {
				response.writeHead(500, {'content-type': 'application/json'});
				response.end(JSON.stringify({error: {message: 'internal engine failure', type: 'InternalServerError', code: 500}}));
				return;
			}
			response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'});
			if (mode === 'hang') return;
			if (chat) response.write(`data: ${JSON.stringify({choices: [{index: 0, delta: {role: 'assistant', content: ''}, finish_reason: null}]})}\n\n`);
			const sent = mode === 'truncate' ? Math.floor(total / 2) : mode === 'error-mid-stream' || mode === 'reset' ? 2 : total;
			// One token at a time, each timed against its absolute target, so order is guaranteed.
			const emit = (token: number): void => {
				if (response.destroyed) return;
				const last = token === sent - 1;
				response.write(chunk(chat, ` t${token}`, last && !mode ? 'length' : last && mode === 'truncate' ? 'stop' : null));
				if (!last) {
					later(arrived + options.firstTokenMs + (token + 1) * options.tokenGapMs, () => emit(token + 1));
					return;
				}
				if (mode === 'reset') {
					request.socket.destroy();
					return;
				}
				if (mode === 'error-mid-stream') {
					response.end(
						`data: ${JSON.stringify({error: {message: 'scheduler aborted the request', type: 'InternalServerError', code: 500}})}\n\ndata: [DONE]\n\n`,
					);
					return;
				}
				const usage = {prompt_tokens: promptTokens(body), completion_tokens: sent, total_tokens: promptTokens(body) + sent};
				const usageChunk = body.stream_options?.include_usage && mode !== 'no-usage' ? `data: ${JSON.stringify({choices: [], usage})}\n\n` : '';
				response.end(`${usageChunk}data: [DONE]\n\n`);
			};
			later(arrived + options.firstTokenMs, () => emit(0));
		});
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		arrivals,
		bodies,
		async close() {
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			for (const socket of sockets) socket.destroy();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}
