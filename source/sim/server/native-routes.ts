import type {IncomingMessage, Server, ServerResponse} from 'node:http';
import type {EngineClock} from './engine-clock.js';
import type {SimServerOptions} from './http-server.js';
import type {NativeRequest} from './native-stream.js';
import type {PrefixCache} from './prefix-cache.js';
import {sglangGenerate} from './sglang-generate.js';

/**
 * Each framework's own routes beside the OpenAI-compatible ones: SGLang's native API
 * (`/generate`, `/server_info` and its older `/get_server_info`, `/flush_cache`) and vLLM's
 * `/reset_prefix_cache`. Shapes and status codes follow the frameworks' servers
 * (sglang `srt/entrypoints/http_server.py`; vllm `entrypoints/serve/cache/api_router.py`).
 */

/** What the routes need of the server (SimHttpServer implements it). */
export type NativeHost = {
	readonly options: SimServerOptions;
	readonly server: Server;
	readonly clock: EngineClock;
	readonly prefixCache: PrefixCache;
	readonly activeStreams: number;
	sendJson(res: ServerResponse, status: number, body: unknown): void;
	sendError(res: ServerResponse, status: number, message: string): void;
	startNative(res: ServerResponse, request: NativeRequest): void;
};

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) {
		chunks.push(chunk as Buffer);
	}

	return Buffer.concat(chunks).toString('utf8');
}

function text(res: ServerResponse, status: number, body: string): void {
	res.writeHead(status, {'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body)}).end(body);
}

/** Nothing is running or queued: SGLang refuses to flush otherwise, vLLM cannot free the blocks. */
function idle(host: NativeHost): boolean {
	return host.activeStreams === 0 && host.clock.batcher.idle;
}

/** SGLang's `/server_info`: its ServerArgs, the scheduler's info, per-DP internal states, version. */
function sglangServerInfo(host: NativeHost): unknown {
	const {config, kvCapacityTokens, stats} = host.clock.batcher;
	const address = host.server.address();
	const tokenUsage = kvCapacityTokens > 0 ? stats.kvUsedTokens / kvCapacityTokens : 0;
	return {
		model_path: host.options.root,
		tokenizer_path: host.options.root,
		served_model_name: host.options.servedModel,
		host: typeof address === 'object' && address ? address.address : null,
		port: typeof address === 'object' && address ? address.port : null,
		tp_size: config.tp,
		dp_size: 1,
		context_length: config.maxContext,
		mem_fraction_static: config.memory.fraction,
		max_running_requests: config.maxRunning,
		chunked_prefill_size: config.chunkedPrefill ? config.tokenBudget : -1,
		page_size: 1,
		disable_radix_cache: !host.prefixCache.enabled,
		disable_cuda_graph: config.eager,
		cuda_graph_max_bs: config.cudaGraphMaxBs,
		enable_metrics: host.options.enableMetrics,
		max_total_num_tokens: kvCapacityTokens,
		max_req_input_len: config.maxContext - 1,
		internal_states: [
			{
				last_gen_throughput: 0,
				memory_usage: {kvcache: Number(tokenUsage.toFixed(2)), token_capacity: kvCapacityTokens},
				waiting_queue_size: stats.waiting,
				running_batch_size: stats.running,
			},
		],
		version: host.options.version,
	};
}

const flushedText =
	'Cache flushed.\nPlease check backend logs for more details. (When there are running or waiting requests, the operation will not be performed.)\n';

async function sglangRoute(host: NativeHost, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
	const method = req.method ?? 'GET';
	if (path === '/generate' && (method === 'POST' || method === 'PUT')) {
		sglangGenerate(host, res, await readBody(req));
		return true;
	}

	if ((path === '/server_info' || path === '/get_server_info') && method === 'GET') {
		host.sendJson(res, 200, sglangServerInfo(host));
		return true;
	}

	if (path === '/flush_cache' && (method === 'GET' || method === 'POST')) {
		// Same text either way; only the status says whether it happened.
		const flushed = idle(host);
		if (flushed) {
			host.prefixCache.flush();
		}

		text(res, flushed ? 200 : 400, flushedText);
		return true;
	}

	return false;
}

/** vLLM's env parsing: bool(int(value)). */
function vllmDevMode(): boolean {
	const value = process.env.VLLM_SERVER_DEV_MODE ?? '0';
	return /^\s*-?\d+\s*$/.test(value) && Number.parseInt(value, 10) !== 0;
}

/**
 * vLLM's `POST /reset_prefix_cache` exists only with VLLM_SERVER_DEV_MODE=1 (a development route:
 * 404 otherwise). It answers 200 without checking: with requests still holding blocks the reset
 * does not happen (vLLM logs that) unless `?reset_running_requests=true` preempts them first.
 */
function vllmRoute(host: NativeHost, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): boolean {
	if (path !== '/reset_prefix_cache' || !vllmDevMode()) {
		return false;
	}

	if (req.method !== 'POST') {
		host.sendJson(res, 405, {detail: 'Method Not Allowed'});
		return true;
	}

	if (idle(host) || query.get('reset_running_requests') === 'true') {
		host.prefixCache.flush();
	}

	res.writeHead(200, {'content-length': 0}).end();
	return true;
}

/** True when one of the framework's own routes answered. */
export async function serveNativeRoute(host: NativeHost, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
	switch (host.options.flavor.framework) {
		case 'sglang':
			return sglangRoute(host, req, res, url.pathname);
		case 'vllm':
			return vllmRoute(host, req, res, url.pathname, url.searchParams);
		default:
			return false;
	}
}
