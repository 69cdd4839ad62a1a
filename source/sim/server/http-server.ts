import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {createHistogram, monitorEventLoopDelay, performance} from 'node:perf_hooks';
import type {Emission} from '../perf/batcher.js';
import type {EngineClock} from './engine-clock.js';
import type {Flavor} from './flavor.js';
import {iterationStats, prometheusText, type IterationStats} from './metrics.js';
import {serveNativeRoute} from './native-routes.js';
import type {NativeRequest, NativeWriter} from './native-stream.js';
import {PrefixCache, promptPages, type PageKeys} from './prefix-cache.js';
import {unauthorized} from './auth.js';
import {gatedWhileWarming} from './readiness.js';
import {rejectRequestBody} from './request-validation.js';
import {countChatPrompt, countCompletionPrompt, pseudoEosLength, tokenJson, tokenText} from './tokens.js';

export type SimServerOptions = {
	readonly flavor: Flavor;
	readonly servedModel: string;
	readonly root: string;
	readonly version: string;
	readonly maxContext: number;
	/** TensorRT-LLM without chunked prefill: a prompt must fit one step. */
	readonly maxPromptTokens: number | null;
	readonly enableMetrics: boolean;
	/** `--api-key`: requests on guarded routes without `Authorization: Bearer <key>` get a 401. */
	readonly apiKey?: string | null;
	readonly heldBytes: number;
	/** Prefix caching on (the frameworks' default); off with --disable-radix-cache / --no-enable-prefix-caching. */
	readonly prefixCaching?: boolean;
};

/** Simulated seconds of generation the throughput gauge averages over. */
const genWindowS = 5;

/** Streams written per event-loop turn (see flush). */
const flushSlice = 48;

type Live = {
	readonly res: ServerResponse;
	readonly chat: boolean;
	readonly stream: boolean;
	readonly prefix: string;
	readonly suffix: string;
	readonly promptTokens: number;
	readonly target: number;
	readonly maxTokens: number;
	readonly includeUsage: boolean;
	readonly requestId: string;
	readonly created: number;
	sent: number;
	text: string;
	done: boolean;
	/** Chunks produced this tick, not yet written; null when untouched this tick. */
	out: string | null;
	/** Prefix-cache pages of the prompt, inserted once its prefill is done (first token). */
	readonly pages: PageKeys;
	/** A native route's writer (sglang-generate.ts); null on the OpenAI routes. */
	readonly native: NativeWriter | null;
};

/**
 * The OpenAI-compatible HTTP face of one simulated server, on node:http. Tokens arrive from the
 * engine clock in batches, one write per stream per tick.
 */
export class SimHttpServer {
	readonly server: Server;
	ready = false;
	private readonly live = new Map<number, Live>();
	private nextId = 1;
	private readonly lag = monitorEventLoopDelay({resolution: 1});
	/** µs the event loop spent in each deliver(): the server's own share of the lag, apart from CPU contention. */
	private readonly work = createHistogram();
	private readonly iterations: IterationStats[] = [];
	private iter = 0;
	private genWindow: Array<{at: number; tokens: number}> = [];
	clock!: EngineClock;
	prefixCache!: PrefixCache;

	constructor(readonly options: SimServerOptions) {
		this.lag.enable();
		this.server = createServer((req, res) => {
			this.route(req, res).catch((error: unknown) => {
				if (!res.headersSent) {
					this.sendError(res, 500, String(error));
				}
			});
		});
		this.server.keepAliveTimeout = 60_000;
	}

	attach(clock: EngineClock): void {
		this.clock = clock;
		this.prefixCache = new PrefixCache(clock.batcher.kvCapacityTokens, this.options.prefixCaching ?? true);
	}

	get activeStreams(): number {
		return this.live.size;
	}

	/**
	 * Engine sink: called once per tick with every token produced since the last one. Hot at a few
	 * hundred streams: chunk JSON is templated (the per-stream prefix/suffix are built once per
	 * request, the words are pre-encoded), each stream's chunks are joined into one write, and the
	 * only per-tick allocations are those strings.
	 */
	deliver(emissions: readonly Emission[], simNowS: number): void {
		const started = performance.now();
		const touched: Live[] = [];
		let produced = 0;
		for (const emission of emissions) {
			const live = this.live.get(emission.id);
			if (!live) {
				continue;
			}

			produced += emission.tokens;
			if (live.out === null) {
				live.out = '';
				touched.push(live);
			}

			for (let n = 0; n < emission.tokens; n++) {
				const index = live.sent++;
				if (index === 0) {
					this.prefixCache.insert(live.pages);
				}

				if (live.native) {
					live.out += live.native.token(index, live.sent >= live.target ? this.finishReason(live) : null);
				} else if (live.stream) {
					live.out += live.prefix + tokenJson(index) + (live.sent >= live.target ? this.finishTail(live) : live.suffix);
				} else {
					live.text += tokenText(index);
				}
			}

			if (emission.finished) {
				this.finish(live, emission.id);
			}
		}

		this.flush(touched, 0);
		this.work.record(Math.max(1, Math.round((performance.now() - started) * 1000)));
		this.genWindow.push({at: simNowS, tokens: produced});
		// Only /metrics reads the window; without a scraper it would grow by one entry per tick forever.
		if (this.genWindow.length > 16_384) {
			this.genWindow = this.genWindow.filter(entry => entry.at > simNowS - genWindowS);
		}

		if (this.options.flavor.framework === 'tensorrt_llm') {
			this.iterations.push(iterationStats(++this.iter, 0, this.clock.batcher.stats, this.options.heldBytes, this.prefixCache.stats));
			if (this.iterations.length > 2000) {
				this.iterations.splice(0, this.iterations.length - 2000);
			}
		}
	}

	/**
	 * Writes each touched stream's chunks, one write per stream, `flushSlice` streams per event-loop
	 * turn. Each write is a writev syscall (~10 µs, the bulk of the server's CPU at load); slicing keeps
	 * the loop free for timers and new requests between slices instead of blocking for all of them. A
	 * stream that gets more tokens before its slice runs just has a longer write; order is kept.
	 */
	private flush(lives: readonly Live[], from: number): void {
		const end = Math.min(lives.length, from + flushSlice);
		for (let index = from; index < end; index++) {
			const live = lives[index]!;
			if (!live.done && live.out) {
				live.res.write(live.out);
			}

			live.out = null;
		}

		if (end < lives.length) {
			setImmediate(() => this.flush(lives, end));
		}
	}

	private finishReason(live: Live): 'length' | 'stop' {
		return live.sent >= live.maxTokens ? 'length' : 'stop';
	}

	private finishTail(live: Live): string {
		const reason = JSON.stringify(this.finishReason(live));
		return live.chat
			? `},"logprobs":null,"finish_reason":${reason}}]}${this.options.flavor.sseSuffix}`
			: `,"logprobs":null,"finish_reason":${reason},"stop_reason":null}]}${this.options.flavor.sseSuffix}`;
	}

	private usage(live: Live): string {
		return `{"prompt_tokens":${live.promptTokens},"total_tokens":${live.promptTokens + live.sent},"completion_tokens":${live.sent}}`;
	}

	/** Ends the response; a stream's chunks still pending from this tick go out in the same write. */
	private finish(live: Live, id: number): void {
		live.done = true;
		this.live.delete(id);
		if (live.native) {
			if (live.stream) {
				live.res.end(`${live.out ?? ''}${live.native.end()}`);
			} else {
				this.sendJson(live.res, 200, live.native.body());
			}

			return;
		}

		if (live.stream) {
			let out = live.out ?? '';
			if (live.includeUsage) {
				const object = live.chat ? 'chat.completion.chunk' : 'text_completion';
				out += `data: {"id":"${live.requestId}","object":"${object}","created":${live.created},"model":${JSON.stringify(this.options.servedModel)},"choices":[],"usage":${this.usage(live)}}${this.options.flavor.sseSuffix}`;
			}

			live.res.end(`${out}data: [DONE]\n\n`);
			return;
		}

		const choice = live.chat
			? {index: 0, message: {role: 'assistant', content: live.text}, logprobs: null, finish_reason: this.finishReason(live)}
			: {index: 0, text: live.text, logprobs: null, finish_reason: this.finishReason(live), stop_reason: null};
		const body = {
			id: live.requestId,
			object: live.chat ? 'chat.completion' : 'text_completion',
			created: live.created,
			model: this.options.servedModel,
			choices: [choice],
			usage: JSON.parse(this.usage(live)) as unknown,
		};
		this.sendJson(live.res, 200, body);
	}

	sendJson(res: ServerResponse, status: number, body: unknown): void {
		const text = JSON.stringify(body);
		res.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)});
		res.end(text);
	}

	sendError(res: ServerResponse, status: number, message: string): void {
		this.sendJson(res, status, this.options.flavor.errorBody(status, message));
	}

	private async readBody(req: IncomingMessage): Promise<string> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) {
			chunks.push(chunk as Buffer);
		}

		return Buffer.concat(chunks).toString('utf8');
	}

	private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sim');
		const {framework} = this.options.flavor;
		const path = url.pathname;
		if (path === '/sim/debug') {
			this.debug(res, url.searchParams.has('reset'));
			return;
		}

		if (unauthorized(framework, this.options.apiKey ?? null, req, path)) {
			this.sendJson(res, 401, {error: 'Unauthorized'});
			return;
		}

		if (!this.ready && gatedWhileWarming(framework, path)) {
			res.writeHead(503).end();
			return;
		}

		if (req.method === 'GET') {
			switch (path) {
				case '/health':
				case '/health_generate':
				case '/ping':
					res.writeHead(200).end();
					return;
				case '/v1/models':
					this.sendJson(res, 200, {
						object: 'list',
						data: [
							{
								id: this.options.servedModel,
								object: 'model',
								created: 0,
								owned_by: this.options.flavor.ownedBy,
								root: this.options.root,
								parent: null,
								max_model_len: this.options.maxContext,
							},
						],
					});
					return;
				case '/version':
					if (framework !== 'sglang') {
						this.sendJson(res, 200, {version: this.options.version});
						return;
					}

					break;
				case '/model_info':
				case '/get_model_info':
					if (framework === 'sglang') {
						this.sendJson(res, 200, {model_path: this.options.root, tokenizer_path: this.options.root, is_generation: true});
						return;
					}

					break;
				case '/metrics':
					this.metrics(res);
					return;
				case '/prometheus/metrics':
					if (framework === 'tensorrt_llm') {
						this.prometheus(res);
						return;
					}

					break;
				default:
					break;
			}
		}

		if (req.method === 'POST' && (path === '/v1/completions' || path === '/v1/chat/completions')) {
			await this.generate(req, res, path === '/v1/chat/completions');
			return;
		}

		if (await serveNativeRoute(this, req, res, url)) {
			return;
		}

		this.sendError(res, 404, `Not Found: ${path}`);
	}

	private metrics(res: ServerResponse): void {
		const {framework} = this.options.flavor;
		if (framework === 'tensorrt_llm') {
			const drained = this.iterations.splice(0, this.iterations.length);
			this.sendJson(res, 200, drained);
			return;
		}

		if (framework === 'sglang' && !this.options.enableMetrics) {
			this.sendError(res, 404, 'Not Found');
			return;
		}

		this.prometheus(res);
	}

	private prometheus(res: ServerResponse): void {
		const now = this.clock.now();
		this.genWindow = this.genWindow.filter(entry => entry.at > now - genWindowS);
		const tokens = this.genWindow.reduce((sum, entry) => sum + entry.tokens, 0);
		const text = prometheusText({
			framework: this.options.flavor.framework,
			model: this.options.servedModel,
			stats: this.clock.batcher.stats,
			genThroughput: tokens / genWindowS,
			heldBytes: this.options.heldBytes,
			prefix: this.prefixCache.stats,
		});
		res.writeHead(200, {'content-type': 'text/plain; version=0.0.4; charset=utf-8'}).end(text);
	}

	private debug(res: ServerResponse, reset: boolean): void {
		const ms = (ns: number): number => Math.round((ns / 1e6) * 1000) / 1000;
		this.sendJson(res, 200, {
			streams: this.live.size,
			loop_delay_ms: {mean: ms(this.lag.mean), p50: ms(this.lag.percentile(50)), p99: ms(this.lag.percentile(99)), max: ms(this.lag.max)},
			deliver_ms:
				this.work.count === 0
					? null
					: {count: this.work.count, mean: ms(this.work.mean * 1000), p99: ms(this.work.percentile(99) * 1000), max: ms(this.work.max * 1000)},
			stats: this.clock?.batcher.stats ?? null,
		});
		if (reset) {
			this.lag.reset();
			this.work.reset();
		}
	}

	private async generate(req: IncomingMessage, res: ServerResponse, chat: boolean): Promise<void> {
		const {flavor} = this.options;
		let body: Record<string, unknown>;
		try {
			const parsed: unknown = JSON.parse(await this.readBody(req));
			if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
				throw new Error('body must be a JSON object');
			}

			body = parsed as Record<string, unknown>;
		} catch (error) {
			this.sendError(res, 400, `Invalid request body: ${(error as Error).message}`);
			return;
		}

		const rejected = rejectRequestBody(flavor.framework, chat, body);
		if (rejected !== null) {
			this.sendJson(res, 400, rejected);
			return;
		}

		if (flavor.framework === 'vllm' && typeof body.model === 'string' && body.model !== this.options.servedModel) {
			this.sendError(res, 404, `The model \`${body.model}\` does not exist.`);
			return;
		}

		const count = chat ? countChatPrompt(body.messages) : countCompletionPrompt(body.prompt);
		if ('error' in count) {
			this.sendError(res, 400, count.error);
			return;
		}

		const stream = body.stream === true;
		if (body.stream_options !== undefined && body.stream_options !== null && !stream && flavor.framework !== 'sglang') {
			this.sendError(res, 400, 'Stream options can only be defined when stream is true.');
			return;
		}

		const requested = [body.max_completion_tokens, body.max_tokens].find(value => typeof value === 'number') as number | undefined;
		if (requested !== undefined && (!Number.isInteger(requested) || requested < 1)) {
			this.sendError(res, 400, `max_tokens must be at least 1, got ${requested}.`);
			return;
		}

		const limit = this.options.maxContext;
		const prompt = count.tokens;
		const maxTokens = requested ?? (chat ? limit - prompt : 16);
		if (prompt + (requested ?? (chat ? 0 : 16)) > limit || prompt >= limit) {
			this.sendError(res, 400, flavor.overContext(prompt, requested ?? (chat ? 0 : 16), limit));
			return;
		}

		if (this.options.maxPromptTokens !== null && prompt > this.options.maxPromptTokens) {
			this.sendError(res, 400, `The sum of prompt length (${prompt}) and query length (0) should not exceed max_num_tokens (${this.options.maxPromptTokens})`);
			return;
		}

		const minTokens = typeof body.min_tokens === 'number' ? body.min_tokens : 0;
		const target = body.ignore_eos === true ? maxTokens : Math.min(maxTokens, Math.max(minTokens, pseudoEosLength(count.seedText)));
		const streamOptions = body.stream_options as {include_usage?: unknown} | undefined | null;
		const includeUsage = streamOptions ? (typeof streamOptions.include_usage === 'boolean' ? streamOptions.include_usage : flavor.includeUsageDefault) : false;
		const pages = promptPages(chat ? body.messages : body.prompt);
		this.prefixCache.lookup(pages, prompt);
		const id = this.nextId++;
		const requestId = `${chat ? 'chatcmpl' : 'cmpl'}-${id.toString(16).padStart(8, '0')}sim`;
		const created = Math.floor(Date.now() / 1000);
		const model = JSON.stringify(this.options.servedModel);
		const head = `data: {"id":"${requestId}","object":"${chat ? 'chat.completion.chunk' : 'text_completion'}","created":${created},"model":${model},"choices":[{"index":0,`;
		const live: Live = {
			res,
			chat,
			stream,
			prefix: chat ? `${head}"delta":{"content":` : `${head}"text":`,
			suffix: chat
				? `},"logprobs":null,"finish_reason":null}]}${flavor.sseSuffix}`
				: `,"logprobs":null,"finish_reason":null,"stop_reason":null}]}${flavor.sseSuffix}`,
			promptTokens: prompt,
			target,
			maxTokens,
			includeUsage,
			requestId,
			created,
			sent: 0,
			text: '',
			done: false,
			out: null,
			pages,
			native: null,
		};
		this.live.set(id, live);
		res.on('close', () => {
			if (!live.done) {
				this.live.delete(id);
				this.clock.cancel(id);
			}
		});
		if (stream) {
			res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'});
			if (chat) {
				res.write(`${head}"delta":${flavor.roleDelta},"logprobs":null,"finish_reason":null}]}${flavor.sseSuffix}`);
			}
		}

		this.clock.submit({id, promptTokens: prompt, outputTokens: target});
	}

	/** A request a native route (native-routes.ts) validated: looked up in the prefix cache and run like the others. */
	startNative(res: ServerResponse, request: NativeRequest): void {
		const pages = promptPages(request.prompt);
		const cachedTokens = this.prefixCache.lookup(pages, request.promptTokens);
		const id = this.nextId++;
		const native = request.writer({id, cachedTokens, startedMs: performance.now()});
		const live: Live = {
			res,
			chat: false,
			stream: request.stream,
			prefix: '',
			suffix: '',
			promptTokens: request.promptTokens,
			target: request.target,
			maxTokens: request.maxTokens,
			includeUsage: false,
			requestId: '',
			created: 0,
			sent: 0,
			text: '',
			done: false,
			out: null,
			pages,
			native,
		};
		if (request.stream) {
			res.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8'});
		}

		if (request.target === 0) {
			// max_new_tokens 0: prefill only, answered without generating.
			this.prefixCache.insert(pages);
			this.finish(live, id);
			return;
		}

		this.live.set(id, live);
		res.on('close', () => {
			if (!live.done) {
				this.live.delete(id);
				this.clock.cancel(id);
			}
		});
		this.clock.submit({id, promptTokens: request.promptTokens, outputTokens: request.target});
	}

	close(): void {
		this.lag.disable();
		for (const live of this.live.values()) {
			live.res.destroy();
		}

		this.live.clear();
		this.server.closeAllConnections();
		this.server.close();
	}
}
