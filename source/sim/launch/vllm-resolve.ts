import type {ParsedFlags} from '../cli/parse-args.js';
import {modelSpecFor} from '../models.js';
import type {EngineConfig} from '../perf/engine-config.js';
import {kvBytesPerTokenPerGpu, planMemory} from '../perf/memory.js';
import {worldGpu, type World} from '../world.js';
import {readBool, readFloat, readInt, readString} from './flag-values.js';
import {busyMib} from './gpu-context.js';
import {pythonError, type LaunchFailure, type Resolution} from './launch-plan.js';
import {engineCoreLine, logLine} from './log-format.js';
import {startupCosts, type StartupPause} from './startup-costs.js';

const deepep = ['deepep_low_latency', 'deepep_high_throughput'];
const gib = 1024 ** 3;
const f2 = (n: number): string => n.toFixed(2);

/** `vllm serve` flags → engine config, with vLLM's defaults and its startup checks, in its order. */
export function resolveVllm(flags: ParsedFlags, positionals: string[], world: World, gpus: number[], stateDirectory: string): Resolution {
	const modelPath = positionals[0] ?? readString(flags, '--model') ?? 'Qwen/Qwen3-0.6B';
	const model = modelSpecFor(modelPath);
	const gpu = worldGpu(world);
	const log: string[] = [];
	const info = (message: string, file = 'api_server.py:1'): void => {
		log.push(logLine('vllm', message, 'INFO', file));
	};

	const fail = (finalLine: string, extra: string[] = []): Resolution => {
		const failure: LaunchFailure = {exitCode: 1, logBefore: log, errorLines: [...extra, ...pythonError('/usr/local/bin/vllm', 10, finalLine)]};
		return {ok: false, failure};
	};

	info(`vLLM API server version ${world.versions.vllm}`, 'utils.py:326');
	const nonDefault = [...flags.entries()]
		.filter(([name]) => name !== '--host' && name !== '--port')
		.map(([name, value]) => `'${name.slice(2).replaceAll('-', '_')}': ${JSON.stringify(value)}`);
	info(`non-default args: {'model_tag': '${modelPath}', ${nonDefault.join(', ')}}`, 'utils.py:327');

	const tp = readInt(flags, '--tensor-parallel-size', 1);
	const memoryLarge = gpu.memoryMib >= 70 * 1024;
	const maxNumSeqs = readInt(flags, '--max-num-seqs', memoryLarge ? 1024 : 256);
	const maxBatched = readInt(flags, '--max-num-batched-tokens', memoryLarge ? 8192 : 2048, true);
	const chunked = readBool(flags, '--enable-chunked-prefill', true);
	const util = readFloat(flags, '--gpu-memory-utilization', 0.9);
	const userMaxLen = flags.has('--max-model-len') ? readInt(flags, '--max-model-len', model.maxContext, true) : null;
	const partial = readInt(flags, '--max-num-partial-prefills', 1);

	if (userMaxLen !== null && userMaxLen > model.maxContext) {
		return fail(
			`ValueError: User-specified max_model_len (${userMaxLen}) is greater than the derived max_model_len (max_position_embeddings=${model.maxContext} or model_max_length=None in model's config.json). To allow overriding this maximum, set the env var VLLM_ALLOW_LONG_MAX_MODEL_LEN=1. VLLM_ALLOW_LONG_MAX_MODEL_LEN must be used with extreme caution.`,
		);
	}

	const maxModelLen = userMaxLen ?? model.maxContext;
	if (util <= 0 || util > 1) {
		return fail(
			`pydantic_core._pydantic_core.ValidationError: 1 validation error for CacheConfig\ngpu_memory_utilization\n  Input should be less than or equal to 1 [type=less_than_equal, input_value=${util}, input_type=float]`,
		);
	}

	if (readBool(flags, '--enable-dbo')) {
		const backend = readString(flags, '--all2all-backend') ?? 'allgather_reducescatter';
		if (!deepep.includes(backend)) {
			return fail(
				`AssertionError: Microbatching currently only supports the deepep_low_latency and deepep_high_throughput all2all backend. ${backend} is not supported. To fix use --all2all-backend=deepep_low_latency or --all2all-backend=deepep_high_throughput and install the DeepEP kernels.`,
			);
		}
	}

	if (partial > 1) {
		if (!chunked) {
			return fail('ValueError: Chunked prefill must be enabled to set max_num_partial_prefills > 1.');
		}

		if (model.rejectsPartialPrefill) {
			return fail('NotImplementedError: Concurrent Partial Prefill is not supported. We recommend to remove Concurrent Partial Prefill from your config.');
		}
	}

	if (!chunked && maxBatched < maxModelLen) {
		return fail(
			`ValueError: max_num_batched_tokens (${maxBatched}) is smaller than max_model_len (${maxModelLen}). This effectively limits the maximum sequence length to max_num_batched_tokens and makes vLLM reject longer sequences. Please increase max_num_batched_tokens or decrease max_model_len.`,
		);
	}

	if (tp > gpus.length) {
		return fail(
			`ValueError: World size (${tp}) is larger than the number of available GPUs (${gpus.length}) in this node. If this is intentional and you are using:\n- ray, set '--distributed-executor-backend ray'.\n- multiprocessing, set '--nnodes' appropriately.`,
		);
	}

	const used = gpus.slice(0, tp);
	const busyGiB = Math.max(...used.map(id => busyMib(world, stateDirectory, id))) / 1024;
	const kvDtype = readString(flags, '--kv-cache-dtype') ?? 'auto';
	const config: EngineConfig = {
		framework: 'vllm',
		model,
		gpu,
		tp,
		bytesPerParam: /fp8/.test(readString(flags, '--quantization') ?? '') ? 1 : 2,
		kvBytesPerElement: kvDtype.startsWith('fp8') ? 1 : 2,
		memory: {mode: 'utilization', fraction: util},
		maxRunning: maxNumSeqs,
		tokenBudget: chunked ? maxBatched : Math.max(maxBatched, maxModelLen),
		chunkedPrefill: chunked,
		batching: 'mixed',
		kvPolicy: 'on-demand',
		maxContext: maxModelLen,
		stepOverheadS: 0.0015,
		cudaGraphMaxBs: Math.min(maxNumSeqs, readInt(flags, '--max-cudagraph-capture-size', 512)),
		eager: readBool(flags, '--enforce-eager'),
		busyGiB,
		seed: world.seed,
	};

	const memory = planMemory(config);
	const coreFailed = 'RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {}';
	if (!memory.ok) {
		const root =
			memory.reason === 'free'
				? `ValueError: Free memory on device cuda:0 (${f2(memory.freeGiB)}/${f2(memory.totalGiB)} GiB) on startup is less than desired GPU memory utilization (${util}, ${f2(memory.requestedGiB)} GiB). Decrease GPU memory utilization or reduce GPU memory used by other processes.`
				: memory.reason === 'weights'
					? `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate ${f2(memory.tryAllocateGiB)} GiB. GPU 0 has a total capacity of ${f2(memory.totalGiB)} GiB of which ${Math.max(0, Math.round(memory.freeGiB * 1024) % 1024)}.00 MiB is free.`
					: 'ValueError: No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine.';
		return fail(coreFailed, [logLine('vllm', `EngineCore failed to start.`, 'ERROR', 'core.py:708'), root]);
	}

	info(`Model loading took ${f2(memory.weightsGiB)} GiB memory and ${f2(2 + memory.weightsGiB / 8)} seconds`, 'gpu_model_runner.py:2653');
	if (maxModelLen > memory.kvTokens) {
		const needed = (maxModelLen * kvBytesPerTokenPerGpu(config)) / gib;
		return fail(coreFailed, [
			engineCoreLine(
				`ValueError: To serve at least one request with the models's max seq len (${maxModelLen}), (${f2(needed)} GiB KV cache is needed, which is larger than the available KV cache memory (${f2(memory.kvGiB)} GiB). Based on the available memory, the estimated maximum model length is ${memory.kvTokens}. Try increasing \`gpu_memory_utilization\` or decreasing \`max_model_len\` when initializing the engine.`,
				'ERROR',
				'core.py:708',
			),
		]);
	}

	info(`Available KV cache memory: ${f2(memory.kvGiB)} GiB`, 'gpu_worker.py:298');
	info(`GPU KV cache size: ${memory.kvTokens.toLocaleString('en-US')} tokens`, 'kv_cache_utils.py:1087');
	info(`Maximum concurrency for ${maxModelLen.toLocaleString('en-US')} tokens per request: ${f2(memory.kvTokens / maxModelLen)}x`, 'kv_cache_utils.py:1091');
	const costs = world.startup_costs ? startupCosts(config) : null;
	const pauses: StartupPause[] = [];
	if (costs && costs.compileS > 0) {
		pauses.push({beforeLine: log.length, simSeconds: costs.compileS});
		info(`torch.compile takes ${costs.compileS.toFixed(2)} s in total`, 'monitor.py:34');
	}

	if (!config.eager) {
		if (costs) pauses.push({beforeLine: log.length, simSeconds: costs.captureS});
		info(`Graph capturing finished in ${costs ? Math.round(costs.captureS) : 4} secs, took 0.52 GiB`, 'gpu_model_runner.py:3480');
	}

	if (costs) pauses.push({beforeLine: log.length, simSeconds: costs.warmupS});
	info(
		`init engine (profile, create kv cache, warmup model) took ${costs ? (costs.compileS + costs.captureS + costs.warmupS).toFixed(2) : '12.41'} seconds`,
		'core.py:210',
	);
	return {
		ok: true,
		plan: {
			framework: 'vllm',
			modelPath,
			servedModel: readString(flags, '--served-model-name') ?? modelPath,
			apiKey: readString(flags, '--api-key') ?? null,
			host: readString(flags, '--host') ?? '0.0.0.0',
			port: readInt(flags, '--port', 8000),
			version: world.versions.vllm,
			config,
			memory,
			gpus: used,
			enableMetrics: true,
			// V1 default on; `--no-enable-prefix-caching` parses to false.
			prefixCaching: readBool(flags, '--enable-prefix-caching', true),
			maxContext: maxModelLen,
			maxPromptTokens: null,
			startupLog: log,
			startupPauses: pauses,
		},
	};
}
