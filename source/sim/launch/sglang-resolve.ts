import type {ParsedFlags} from '../cli/parse-args.js';
import {modelSpecFor} from '../models.js';
import type {EngineConfig} from '../perf/engine-config.js';
import {planMemory} from '../perf/memory.js';
import {worldGpu, type World} from '../world.js';
import {readBool, readFloat, readInt, readString} from './flag-values.js';
import {busyMib} from './gpu-context.js';
import {pythonError, type Resolution} from './launch-plan.js';
import {logLine} from './log-format.js';
import {startupCosts, type StartupPause} from './startup-costs.js';

const f2 = (n: number): string => n.toFixed(2);

/** `python -m sglang.launch_server` flags → engine config, SGLang defaults and startup checks. */
export function resolveSglang(flags: ParsedFlags, _positionals: string[], world: World, gpus: number[], stateDirectory: string): Resolution {
	const modelPath = readString(flags, '--model-path')!;
	const model = modelSpecFor(modelPath);
	const gpu = worldGpu(world);
	const log: string[] = [];
	const info = (message: string): void => {
		log.push(logLine('sglang', message));
	};

	const fail = (finalLine: string, file = 'model_runner.py', extra: string[] = []): Resolution => ({
		ok: false,
		failure: {
			exitCode: 1,
			logBefore: log,
			errorLines: [
				logLine('sglang', 'Scheduler hit an exception: Traceback (most recent call last):'),
				`  File "/sgl-workspace/sglang/python/sglang/srt/model_executor/${file}", line 312, in __init__`,
				finalLine,
				...extra,
				'',
				logLine('sglang', 'Received sigquit from a child process. It usually means the child failed.'),
			],
		},
	});

	const tp = readInt(flags, '--tensor-parallel-size', 1);
	const large = gpu.memoryMib >= 70 * 1024;
	const fraction = readFloat(flags, '--mem-fraction-static', large ? 0.88 : 0.85);
	const chunkedSize = readInt(flags, '--chunked-prefill-size', large ? 8192 : 4096);
	const maxPrefill = readInt(flags, '--max-prefill-tokens', 16_384);
	const userContext = flags.has('--context-length') ? readInt(flags, '--context-length', model.maxContext) : null;
	const eager = readBool(flags, '--disable-cuda-graph');
	info(
		`server_args=ServerArgs(model_path='${modelPath}', tokenizer_path='${modelPath}', tp_size=${tp}, mem_fraction_static=${fraction}, chunked_prefill_size=${chunkedSize}, ...)`,
	);

	if (userContext !== null && userContext > model.maxContext) {
		return {
			ok: false,
			failure: {
				exitCode: 1,
				logBefore: log,
				errorLines: pythonError(
					'/sgl-workspace/sglang/python/sglang/srt/configs/model_config.py',
					233,
					`ValueError: User-specified context_length (${userContext}) is greater than the derived context_length (${model.maxContext}). This may lead to incorrect model outputs or CUDA errors. To allow overriding this maximum, set the env var SGLANG_ALLOW_OVERWRITE_LONGER_CONTEXT_LEN=1`,
				),
			},
		};
	}

	if (tp > gpus.length) {
		return fail(`RuntimeError: CUDA error: invalid device ordinal (tp_size=${tp} needs ${tp} GPUs, ${gpus.length} visible)`);
	}

	const used = gpus.slice(0, tp);
	const busyGiB = Math.max(...used.map(id => busyMib(world, stateDirectory, id))) / 1024;
	const kvDtype = readString(flags, '--kv-cache-dtype') ?? 'auto';
	const runningCap = flags.has('--max-running-requests') ? readInt(flags, '--max-running-requests', 0) : null;
	const cudaGraphMaxBs = readInt(flags, '--cuda-graph-max-bs', large ? 256 : 160);
	const config: EngineConfig = {
		framework: 'sglang',
		model,
		gpu,
		tp,
		bytesPerParam: /fp8/.test(readString(flags, '--quantization') ?? '') ? 1 : 2,
		kvBytesPerElement: kvDtype.startsWith('fp8') ? 1 : 2,
		memory: {mode: 'static', fraction},
		maxRunning: runningCap ?? 4096,
		tokenBudget: chunkedSize > 0 ? Math.min(chunkedSize, maxPrefill) : maxPrefill,
		chunkedPrefill: chunkedSize > 0,
		batching: 'prefill-first',
		kvPolicy: 'on-demand',
		maxContext: userContext ?? model.maxContext,
		stepOverheadS: 0.0012,
		cudaGraphMaxBs,
		eager,
		busyGiB,
		seed: world.seed,
	};

	const avail = gpu.memoryMib / 1024 - 0.6 - busyGiB;
	info(`Load weight begin. avail mem=${f2(avail)} GB`);
	const memory = planMemory(config);
	if (!memory.ok) {
		if (memory.reason === 'weights') {
			return fail(
				`torch.OutOfMemoryError: CUDA out of memory. Tried to allocate ${f2(memory.tryAllocateGiB)} GiB. GPU 0 has a total capacity of ${f2(memory.totalGiB)} GiB of which ${f2(Math.max(0, memory.freeGiB))} GiB is free.`,
				'model_loader/loader.py',
			);
		}

		if (memory.reason === 'kv') {
			return fail(`RuntimeError: Not enough memory. Please try to increase --mem-fraction-static. Current value: mem_fraction_static=${fraction}`);
		}

		info(`Load weight end. type=${model.label}, dtype=torch.bfloat16, avail mem=${f2(avail - memory.weightsGiB)} GB, mem usage=${f2(memory.weightsGiB)} GB.`);
		info(
			`Capture cuda graph begin. This can take up to several minutes. avail mem=${f2(Math.max(0.1, avail - memory.weightsGiB - (memory.totalGiB * fraction - memory.weightsGiB)))} GB`,
		);
		return fail(`Exception: Capture cuda graph failed: CUDA out of memory. Tried to allocate ${f2(memory.tryAllocateGiB)} GiB.`, 'cuda_graph_runner.py', [
			'Possible solutions:',
			'1. set --mem-fraction-static to a smaller value (e.g., 0.8 or 0.7)',
			'2. set --cuda-graph-max-bs to a smaller value (e.g., 16)',
			'3. disable torch compile by not using --enable-torch-compile',
			'4. disable CUDA graph by --disable-cuda-graph. (Not recommended. Huge performance loss)',
			'Open an issue on GitHub https://github.com/sgl-project/sglang/issues/new/choose ',
		]);
	}

	// fa3 ships for Hopper only in the simulated world (seed gotcha); the real assertion text follows.
	for (const name of ['--attention-backend', '--prefill-attention-backend', '--decode-attention-backend']) {
		if (readString(flags, name) === 'fa3' && !gpu.hopperOrNewer) {
			return fail('AssertionError: FlashAttention v3 Backend requires SM>=80 and SM<=90. Please use `--attention-backend flashinfer`.', 'model_runner.py');
		}
	}

	const maxTotal = flags.has('--max-total-tokens') ? Math.min(memory.kvTokens, readInt(flags, '--max-total-tokens', memory.kvTokens)) : memory.kvTokens;
	const kvMemory = {...memory, kvTokens: maxTotal};
	const maxRunning = runningCap ?? Math.max(1, Math.min(4096, Math.floor(maxTotal / 2)));
	info(`Load weight end. type=${model.label}, dtype=torch.bfloat16, avail mem=${f2(avail - memory.weightsGiB)} GB, mem usage=${f2(memory.weightsGiB)} GB.`);
	info(`KV Cache is allocated. #tokens: ${maxTotal}, K size: ${f2(memory.kvGiB / 2)} GB, V size: ${f2(memory.kvGiB / 2)} GB`);
	const costs = world.startup_costs ? startupCosts({...config, maxRunning}) : null;
	const pauses: StartupPause[] = [];
	if (!eager) {
		info(`Capture cuda graph begin. This can take up to several minutes. avail mem=${f2(memory.freeGiB - memory.weightsGiB - memory.kvGiB)} GB`);
		if (costs) pauses.push({beforeLine: log.length, simSeconds: costs.captureS});
		info(
			`Capture cuda graph end. Time elapsed: ${costs ? costs.captureS.toFixed(2) : '6.12'} s. mem usage=${f2(memory.activationGiB)} GB. avail mem=${f2(memory.freeGiB - memory.heldGiB)} GB.`,
		);
	}

	// The warm-up request and the rest of start-up, before the server says it is up.
	if (costs) pauses.push({beforeLine: log.length, simSeconds: costs.warmupS});
	info(
		`max_total_num_tokens=${maxTotal}, chunked_prefill_size=${chunkedSize}, max_prefill_tokens=${maxPrefill}, max_running_requests=${maxRunning}, context_len=${config.maxContext}, available_gpu_mem=${f2(memory.freeGiB - memory.heldGiB)} GB`,
	);
	return {
		ok: true,
		plan: {
			framework: 'sglang',
			modelPath,
			servedModel: readString(flags, '--served-model-name') ?? modelPath,
			apiKey: readString(flags, '--api-key') ?? null,
			host: readString(flags, '--host') ?? '127.0.0.1',
			port: readInt(flags, '--port', 30_000),
			version: world.versions.sglang,
			config: {...config, maxRunning},
			memory: kvMemory,
			gpus: used,
			enableMetrics: readBool(flags, '--enable-metrics'),
			prefixCaching: !readBool(flags, '--disable-radix-cache'),
			maxContext: config.maxContext,
			maxPromptTokens: null,
			startupLog: log,
			startupPauses: pauses,
		},
	};
}
