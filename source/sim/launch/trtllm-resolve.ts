import type {ParsedFlags} from '../cli/parse-args.js';
import {modelSpecFor} from '../models.js';
import type {EngineConfig} from '../perf/engine-config.js';
import {planMemory} from '../perf/memory.js';
import {worldGpu, type World} from '../world.js';
import {readBool, readFloat, readInt, readString} from './flag-values.js';
import {busyMib} from './gpu-context.js';
import type {Resolution} from './launch-plan.js';
import {logLine} from './log-format.js';
import {captureSizes, startupCosts, type StartupPause} from './startup-costs.js';

const f2 = (n: number): string => n.toFixed(2);

/** The primary name of the KV-fraction flag differs by version (1.0.0 knows only the kv_cache_ spelling). */
export function trtKvFractionFlag(flags: ParsedFlags): string {
	return flags.has('--free_gpu_memory_fraction') ? '--free_gpu_memory_fraction' : '--kv_cache_free_gpu_memory_fraction';
}

/** `trtllm-serve serve MODEL` options → engine config, TensorRT-LLM defaults and startup checks. */
export function resolveTrtllm(flags: ParsedFlags, positionals: string[], world: World, gpus: number[], stateDirectory: string): Resolution {
	const modelPath = positionals[0]!;
	const model = modelSpecFor(modelPath);
	const gpu = worldGpu(world);
	const log: string[] = [];
	const info = (message: string): void => {
		log.push(logLine('tensorrt_llm', message));
	};

	const fail = (lines: string[]): Resolution => ({ok: false, failure: {exitCode: 1, logBefore: log, errorLines: lines}});
	log.push(`[TensorRT-LLM] TensorRT-LLM version: ${world.versions.tensorrt_llm}`);
	info('Using LLM with PyTorch backend');

	const backend = readString(flags, '--backend') ?? 'pytorch';
	if (backend !== 'pytorch') {
		return fail([logLine('tensorrt_llm', `Backend '${backend}' needs a TensorRT engine build, which the simulated GPU box does not provide.`, 'ERROR')]);
	}

	const tp = readInt(flags, '--tensor_parallel_size', 1);
	const fraction = readFloat(flags, trtKvFractionFlag(flags), 0.9);
	const maxBatch = readInt(flags, '--max_batch_size', 2048);
	const maxTokens = readInt(flags, '--max_num_tokens', 8192);
	const chunked = readBool(flags, '--enable_chunked_prefill');
	const maxSeqLen = flags.has('--max_seq_len') ? readInt(flags, '--max_seq_len', model.maxContext) : model.maxContext;
	if (tp > gpus.length) {
		return fail([logLine('tensorrt_llm', `Failed to initialize executor on rank 0: tp_size (${tp}) exceeds the ${gpus.length} visible GPU(s)`, 'ERROR')]);
	}

	const used = gpus.slice(0, tp);
	const busyGiB = Math.max(...used.map(id => busyMib(world, stateDirectory, id))) / 1024;
	const config: EngineConfig = {
		framework: 'tensorrt_llm',
		model,
		gpu,
		tp,
		bytesPerParam: 2,
		kvBytesPerElement: (readString(flags, '--kv_cache_dtype') ?? 'auto') === 'fp8' ? 1 : 2,
		memory: {mode: 'free', fraction},
		maxRunning: maxBatch,
		tokenBudget: maxTokens,
		chunkedPrefill: chunked,
		batching: 'mixed',
		kvPolicy: 'guaranteed',
		maxContext: maxSeqLen,
		stepOverheadS: 0.0011,
		cudaGraphMaxBs: 128,
		eager: false,
		busyGiB,
		seed: world.seed,
	};

	info(`max_seq_len=${maxSeqLen}, max_num_requests=${maxBatch}, max_num_tokens=${maxTokens}, max_batch_size=${maxBatch}`);
	const memory = planMemory(config);
	if (!memory.ok) {
		if (memory.reason === 'weights') {
			return fail([
				logLine(
					'tensorrt_llm',
					`Failed to initialize executor on rank 0: CUDA out of memory. Tried to allocate ${f2(memory.tryAllocateGiB)} GiB. GPU 0 has a total capacity of ${f2(memory.totalGiB)} GiB of which ${f2(Math.max(0, memory.freeGiB))} GiB is free.`,
					'ERROR',
				),
			]);
		}

		return fail([
			logLine('tensorrt_llm', `Failed to initialize executor on rank 0: CUDA out of memory. Tried to allocate ${f2(memory.tryAllocateGiB)} GiB.`, 'ERROR'),
			logLine('tensorrt_llm', 'Executor creation failed due to insufficient GPU memory.', 'ERROR'),
		]);
	}

	info(`[MemUsageChange] Allocated ${f2(memory.kvGiB)} GiB for max tokens in paged KV cache (${memory.kvTokens}).`);
	const costs = world.startup_costs ? startupCosts(config) : null;
	const pauses: StartupPause[] = [];
	if (costs) {
		// The PyTorch backend autotunes its kernels, then captures a CUDA graph per batch size.
		pauses.push({beforeLine: log.length, simSeconds: costs.warmupS});
		info('[Autotuner] Autotuning process ends');
		pauses.push({beforeLine: log.length, simSeconds: costs.captureS});
		info(`Run generation only CUDA graph warmup for ${captureSizes(Math.min(config.cudaGraphMaxBs, config.maxRunning))} batch sizes`);
	}

	return {
		ok: true,
		plan: {
			framework: 'tensorrt_llm',
			modelPath,
			servedModel: readString(flags, '--served_model_name') ?? modelPath,
			apiKey: null,
			host: readString(flags, '--host') ?? 'localhost',
			port: readInt(flags, '--port', 8000),
			version: world.versions.tensorrt_llm,
			config,
			memory,
			gpus: used,
			enableMetrics: true,
			maxContext: maxSeqLen,
			maxPromptTokens: chunked ? null : maxTokens,
			startupLog: log,
			startupPauses: pauses,
		},
	};
}
