import type {IncomingMessage} from 'node:http';
import type {SimFramework} from '../perf/engine-config.js';

/**
 * `--api-key` as each server enforces it: vLLM's AuthenticationMiddleware guards only paths under
 * `/v1` (vllm/entrypoints/openai/api_server.py); SGLang's add_api_key_middleware guards everything
 * but `/health*` and `/metrics` (python/sglang/srt/utils). Both answer 401 `{"error":"Unauthorized"}`.
 * TensorRT-LLM's trtllm-serve has no API-key option.
 */
export function unauthorized(framework: SimFramework, apiKey: string | null, req: IncomingMessage, path: string): boolean {
	if (apiKey === null || req.method === 'OPTIONS') return false;
	const guarded = framework === 'vllm' ? path.startsWith('/v1') : framework === 'sglang' ? !path.startsWith('/health') && !path.startsWith('/metrics') : false;
	return guarded && req.headers.authorization !== `Bearer ${apiKey}`;
}
