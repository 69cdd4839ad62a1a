import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {classifyFailure} from '../../source/engine/classify-failure.js';
import {frameworkAdapter} from '../../source/frameworks/registry.js';
import {planFor} from '../../source/sim/launch/plan-for.js';
import type {SimFramework} from '../../source/sim/perf/engine-config.js';
import {parseWorld} from '../../source/sim/world.js';

/** Finding 5: start-up memory failures of all three frameworks are `oom` with the fix that applies. */

const real = (name: string) => readFileSync(new URL(`../fixtures/real/${name}`, import.meta.url), 'utf8').split('\n');
const exit = {code: 1, signal: null};
const classify = (framework: SimFramework, lines: readonly string[], when: 'startup' | 'benchmark' = 'startup') =>
	classifyFailure(exit, lines, frameworkAdapter(framework).runtime.failurePatterns, when);
const wrapper = [
	'Traceback (most recent call last):',
	'  File "/usr/local/bin/vllm", line 10, in <module>',
	'RuntimeError: Engine core initialization failed. See root cause above. Failed core proc(s): {}',
];

test('vLLM: the KV cache too small for max_model_len is OOM with "lower --max-model-len or raise --gpu-memory-utilization" (real text and variants)', t => {
	const variants = [
		real('logs/vllm-kv-cache-too-small.txt'),
		[...real('logs/vllm-kv-cache-too-small.txt'), ...wrapper],
		// Without the engine-core prefix (log-level formats differ), and V0's wording.
		[
			"ValueError: To serve at least one request with the models's max seq len (131072), (24.00 GiB KV cache is needed, which is larger than the available KV cache memory (9.47 GiB). Based on the available memory, the estimated maximum model length is 51712. Try increasing `gpu_memory_utilization` or decreasing `max_model_len` when initializing the engine.",
		],
		[
			"ValueError: The model's max seq len (32768) is larger than the maximum number of tokens that can be stored in KV cache (10000). Try increasing `gpu_memory_utilization` or decreasing `max_model_len` when initializing the engine.",
			...wrapper,
		],
	];
	for (const lines of variants) {
		const failure = classify('vllm', lines);
		t.is(failure.status, 'oom', lines[0]);
		t.regex(failure.kind, /KV cache/);
		t.regex(failure.hint ?? '', /Lower --max-model-len.*raise --gpu-memory-utilization/);
		t.notRegex(failure.hint ?? '', /Raise --max-model-len/);
	}
});

test("vLLM: no cache blocks, busy GPU and the cudaMallocAsync allocator's words are OOM; a too-long max_model_len for the model is a sequence limit", t => {
	t.regex(
		classify('vllm', [
			'ValueError: No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine.',
			...wrapper,
		]).hint ?? '',
		/Raise --gpu-memory-utilization/,
	);
	t.is(
		classify('vllm', [
			'ValueError: Free memory on device cuda:0 (10.00/79.19 GiB) on startup is less than desired GPU memory utilization (0.9, 71.27 GiB). Decrease GPU memory utilization or reduce GPU memory used by other processes.',
		]).status,
		'oom',
	);
	for (const line of [
		'torch.OutOfMemoryError: Allocation on device 0 would exceed allowed memory. (out of memory)',
		'RuntimeError: CUDA error: out of memory',
		'RuntimeError: CUDA driver error: cudaMallocAsync(&ptr, size, stream): out of memory',
	]) {
		t.is(classify('vllm', [line, ...wrapper]).status, 'oom', line);
	}

	const long = classify('vllm', [
		"ValueError: User-specified max_model_len (65536) is greater than the derived max_model_len (max_position_embeddings=40960 or model_max_length=None in model's config.json). To allow overriding this maximum, set the env var VLLM_ALLOW_LONG_MAX_MODEL_LEN=1.",
		...wrapper,
	]);
	t.is(long.kind, 'sequence limit');
	t.regex(long.hint ?? '', /Lower --max-model-len/);
});

test('SGLang: the memory-pool refusal asks for more --mem-fraction-static; CUDA-graph OOM for less (real text and variants)', t => {
	const pool = [
		real('logs/sglang-not-enough-memory.txt'),
		[
			'[2025-10-08 20:33:48 TP0] Scheduler hit an exception: Traceback (most recent call last):',
			'  File "/sgl-workspace/sglang/python/sglang/srt/managers/scheduler.py", line 2710, in run_scheduler_process',
			...real('logs/sglang-not-enough-memory.txt'),
			'[2025-10-08 20:33:49] Received sigquit from a child process. It usually means the child failed.',
		],
	];
	for (const lines of pool) {
		const failure = classify('sglang', lines);
		t.is(failure.status, 'oom');
		t.regex(failure.hint ?? '', /Raise --mem-fraction-static/);
	}

	const graph = classify('sglang', [
		'Exception: Capture cuda graph failed: CUDA out of memory. Tried to allocate 1.78 GiB.',
		'Possible solutions:',
		'1. set --mem-fraction-static to a smaller value (e.g., 0.8 or 0.7)',
	]);
	t.is(graph.status, 'oom');
	t.regex(graph.hint ?? '', /Lower --mem-fraction-static/);
});

test('SGLang: the attention-backend hint only when the traceback names an attention backend', t => {
	const plain = classify('sglang', ['[2025-10-08 20:33:48] Initialization failed. warmup error: Traceback (most recent call last):', "KeyError: 'choices'"]);
	t.is(plain.kind, 'warmup failure');
	t.notRegex(plain.hint ?? '', /attention/i);
	const backend = classify('sglang', [
		'[2025-10-08 20:33:48] Initialization failed. warmup error: Traceback (most recent call last):',
		'RuntimeError: FlashInfer requires GPUs with sm75 or higher',
	]);
	t.is(backend.kind, 'attention backend error');
	t.regex(backend.hint ?? '', /--attention-backend/);
});

test('TensorRT-LLM: executor OOMs are OOM with its memory knobs (real text and variants)', t => {
	const variants = [
		real('logs/trtllm-executor-insufficient-memory.txt'),
		['[07/08/2025-19:47:15] [TRT-LLM] [RANK 0] [E] Failed to initialize executor on rank 0: CUDA out of memory. Tried to allocate 10.01 GiB.'],
		[
			'[TensorRT-LLM][ERROR] CUDA runtime error in ::cudaMallocAsync(ptr, n, mCudaStream->get()): out of memory (/src/tensorrt_llm/cpp/tensorrt_llm/runtime/tllmBuffers.h:125)',
		],
	];
	for (const lines of variants) {
		const failure = classify('tensorrt_llm', lines);
		t.is(failure.status, 'oom', lines[0]);
	}

	t.regex(classify('tensorrt_llm', variants[0]!).hint ?? '', /--kv_cache_free_gpu_memory_fraction/);
});

test("each simulated framework's own OOM start-up log classifies as oom with its framework's hint", t => {
	const world = parseWorld(JSON.stringify({gpu_model: 'H100-80GB', gpu_count: 1}));
	const cases: Array<{framework: SimFramework; args: string[]; hint: RegExp}> = [
		{framework: 'vllm', args: ['Qwen/Qwen3-32B', '--max-model-len', '40960', '--gpu-memory-utilization', '0.9'], hint: /Lower --max-model-len/},
		{framework: 'vllm', args: ['Qwen/Qwen3-32B', '--max-model-len', '40960', '--gpu-memory-utilization', '0.5'], hint: /Raise --gpu-memory-utilization/},
		{framework: 'sglang', args: ['--model-path', 'Qwen/Qwen3-32B', '--mem-fraction-static', '0.42'], hint: /Raise --mem-fraction-static/},
		{framework: 'sglang', args: ['--model-path', 'Qwen/Qwen3-32B', '--mem-fraction-static', '0.97'], hint: /Lower --mem-fraction-static/},
		{
			framework: 'tensorrt_llm',
			args: ['Qwen/Qwen3-32B', '--kv_cache_free_gpu_memory_fraction', '0.99', '--max_batch_size', '2048', '--max_num_tokens', '65536'],
			hint: /--kv_cache_free_gpu_memory_fraction/,
		},
	];
	for (const {framework, args, hint} of cases) {
		const resolution = planFor(framework, args, world, mkdtempSync(path.join(tmpdir(), 'sim-oom-')));
		if (resolution.ok) {
			t.fail(`${framework} ${args.join(' ')} started`);
			continue;
		}

		const failure = classify(framework, [...resolution.failure.logBefore, ...resolution.failure.errorLines.flatMap(line => line.split('\n'))]);
		t.is(failure.status, 'oom', `${framework} ${args.join(' ')}: ${failure.reason}`);
		t.regex(failure.hint ?? '', hint, `${framework} ${args.join(' ')}`);
	}
});

test('a server that dies during the benchmark is not a start-up crash', t => {
	const died = classify(
		'vllm',
		[
			'(EngineCore_DP0 pid=1) ERROR [core.py:700] EngineCore encountered a fatal error.',
			'vllm.v1.engine.exceptions.EngineDeadError: EngineCore encountered an issue. See stack trace (above) for the root cause.',
		],
		'benchmark',
	);
	t.is(died.kind, 'crash during benchmark');
	t.notRegex(died.reason + (died.hint ?? ''), /start/);
	const silent = classify('sglang', ['something odd'], 'benchmark');
	t.is(silent.kind, 'crash during benchmark');
	t.is(classify('sglang', ['something odd']).kind, 'startup crash');
});
