import type {SimFramework} from '../perf/engine-config.js';

/**
 * What a server that is not ready yet answers 503 to. Only SGLang listens before it is ready: its
 * HTTP server is up during the warm-up request, `/health` and `/health_generate` answer 503 while
 * `server_status == Starting` (python/sglang/srt/entrypoints/http_server.py), and every other route
 * — /v1/models, /model_info, generation itself — already works. vLLM and TensorRT-LLM start
 * listening only once ready, so for them this gate is never reached by a client.
 */
export function gatedWhileWarming(framework: SimFramework, path: string): boolean {
	if (framework === 'sglang') return path === '/health' || path === '/health_generate';
	return true;
}
