import test from 'ava';
import {freePort, launch, runCommand, simEnv, stop, waitReady} from './sim-helpers.js';

// Every known gotcha of the seed, seen through the shims exactly as an operator would type it.

test('SGLang fa3 attention backend off Hopper fails with the real assertion', async t => {
	const env = simEnv({gpu_model: 'A100-80GB'});
	const result = await runCommand(
		'python',
		['-m', 'sglang.launch_server', '--model-path', 'Qwen/Qwen3-8B', '--attention-backend', 'fa3', '--port', '30000'],
		env,
	);
	t.is(result.code, 1);
	t.regex(result.stderr, /AssertionError: FlashAttention v3 Backend requires SM>=80 and SM<=90\. Please use `--attention-backend flashinfer`\./);
	t.regex(result.stderr, /Received sigquit from a child process/);
});

test('vLLM --enable-dbo without a DeepEP all2all backend fails at config validation', async t => {
	const result = await runCommand('vllm', ['serve', 'Qwen/Qwen3-8B', '--enable-dbo', '--port', '8000'], simEnv({}));
	t.is(result.code, 1);
	t.regex(
		result.stderr,
		/AssertionError: Microbatching currently only supports the deepep_low_latency and deepep_high_throughput all2all backend\. allgather_reducescatter is not supported\./,
	);
});

test('vLLM --max-num-partial-prefills > 1 on a model that rejects it', async t => {
	const result = await runCommand('vllm', ['serve', 'Qwen/Qwen3-30B-A3B', '--max-num-partial-prefills', '2', '--port', '8000'], simEnv({}));
	t.is(result.code, 1);
	t.regex(
		result.stderr,
		/NotImplementedError: Concurrent Partial Prefill is not supported\. We recommend to remove Concurrent Partial Prefill from your config\./,
	);
});

test("TensorRT-LLM 1.0.0 rejects --free_gpu_memory_fraction with click's wording", async t => {
	const result = await runCommand('trtllm-serve', ['serve', 'Qwen/Qwen3-8B', '--free_gpu_memory_fraction', '0.8'], simEnv({versions: {tensorrt_llm: '1.0.0'}}));
	t.is(result.code, 2);
	t.is(
		result.stderr.trim(),
		[
			'Usage: trtllm-serve serve [OPTIONS] MODEL',
			"Try 'trtllm-serve serve --help' for help.",
			'',
			'Error: No such option: --free_gpu_memory_fraction Did you mean --kv_cache_free_gpu_memory_fraction?',
		].join('\n'),
	);
	const help = await runCommand('trtllm-serve', ['serve', '--help'], simEnv({versions: {tensorrt_llm: '1.0.0'}}));
	t.notRegex(help.stdout, /--free_gpu_memory_fraction/);
	t.regex(help.stdout, /--kv_cache_free_gpu_memory_fraction FLOAT/);
});

test('TensorRT-LLM 1.2.1 accepts --free_gpu_memory_fraction (alias of the kv_cache_ spelling)', async t => {
	const env = simEnv({versions: {tensorrt_llm: '1.2.1'}});
	const help = await runCommand('trtllm-serve', ['serve', '--help'], env);
	t.regex(help.stdout, /--free_gpu_memory_fraction, --kv_cache_free_gpu_memory_fraction FLOAT/);
	const port = await freePort();
	const server = launch('trtllm-serve', ['serve', 'Qwen/Qwen3-8B', '--free_gpu_memory_fraction', '0.8', '--host', '127.0.0.1', '--port', String(port)], env);
	try {
		await waitReady(`http://127.0.0.1:${port}`, server);
		t.pass();
	} finally {
		await stop(server);
	}
});

test('a sequence limit smaller than the scenario: the server starts, long requests get HTTP 400 (each framework)', async t => {
	const env = simEnv({time_scale: 0.05});
	const launches = [
		{
			command: 'python',
			args: ['-m', 'sglang.launch_server', '--model-path', 'Qwen/Qwen3-8B', '--context-length', '1024'],
			message: /Requested token count exceeds the model's maximum context length of 1024 tokens/,
		},
		{command: 'vllm', args: ['serve', 'Qwen/Qwen3-8B', '--max-model-len', '1024'], message: /This model's maximum context length is 1024 tokens/},
		{command: 'trtllm-serve', args: ['serve', 'Qwen/Qwen3-8B', '--max_seq_len', '1024'], message: /should not exceed max_seq_len \(1024\)/},
	];
	// One GPU each: three servers on one GPU would (realistically) run out of memory.
	await Promise.all(
		launches.map(async ({command, args, message}, gpu) => {
			const port = await freePort();
			const server = launch(command, [...args, '--host', '127.0.0.1', '--port', String(port)], {...env, CUDA_VISIBLE_DEVICES: String(gpu)});
			try {
				await waitReady(`http://127.0.0.1:${port}`, server);
				const response = await fetch(`http://127.0.0.1:${port}/v1/completions`, {
					method: 'POST',
					headers: {'content-type': 'application/json'},
					body: JSON.stringify({model: 'Qwen/Qwen3-8B', prompt: Array.from({length: 1000}, () => 7), max_tokens: 128, ignore_eos: true}),
				});
				t.is(response.status, 400, command);
				t.regex(JSON.stringify(await response.json()), message);
			} finally {
				await stop(server);
			}
		}),
	);
});

test("a busy requested GPU: vLLM's free-memory error, SGLang and TensorRT-LLM run out of memory", async t => {
	const env = simEnv({busy_gpus: [{index: 3, pid: 4242, process: 'python', used_memory_mib: 60_000}]});
	env.CUDA_VISIBLE_DEVICES = '3';
	const vllm = await runCommand('vllm', ['serve', 'Qwen/Qwen3-8B'], env);
	t.is(vllm.code, 1);
	t.regex(
		vllm.stderr,
		/ValueError: Free memory on device cuda:0 \(\d+\.\d\d\/79\.65 GiB\) on startup is less than desired GPU memory utilization \(0\.9, 71\.68 GiB\)\. Decrease GPU memory utilization or reduce GPU memory used by other processes\./,
	);
	t.regex(vllm.stderr, /RuntimeError: Engine core initialization failed/);
	const sglang = await runCommand('python', ['-m', 'sglang.launch_server', '--model-path', 'Qwen/Qwen3-8B'], env);
	t.is(sglang.code, 1);
	t.regex(sglang.stderr, /RuntimeError: Not enough memory\. Please try to increase --mem-fraction-static\./);
	const trt = await runCommand('trtllm-serve', ['serve', 'Qwen/Qwen3-32B'], env);
	t.is(trt.code, 1);
	t.regex(trt.stderr, /\[TRT-LLM\] \[E\] Failed to initialize executor on rank 0: CUDA out of memory/);
	// Another GPU of the same box is fine: nvidia-smi shows the busy process only on GPU 3.
	const apps = await runCommand('nvidia-smi', ['--query-compute-apps=pid,process_name,used_memory', '--format=csv'], env);
	t.is(apps.stdout, 'pid, process_name, used_gpu_memory [MiB]\n4242, python, 60000 MiB\n');
});

test('OOM when the memory setting or the batch is too high', async t => {
	const env = simEnv({});
	const sglang = await runCommand('python', ['-m', 'sglang.launch_server', '--model-path', 'Qwen/Qwen3-8B', '--mem-fraction-static', '0.98'], env);
	t.is(sglang.code, 1);
	t.regex(sglang.stderr, /Exception: Capture cuda graph failed: CUDA out of memory\./);
	const vllmBatch = await runCommand('vllm', ['serve', 'Qwen/Qwen3-8B', '--max-num-batched-tokens', '1000000'], env);
	t.is(vllmBatch.code, 1);
	t.regex(vllmBatch.stderr, /ValueError: No available memory for the cache blocks\. Try increasing `gpu_memory_utilization` when initializing the engine\./);
	const trt = await runCommand('trtllm-serve', ['serve', 'Qwen/Qwen3-8B', '--kv_cache_free_gpu_memory_fraction', '0.99'], env);
	t.is(trt.code, 1);
	t.regex(trt.stderr, /\[TRT-LLM\] \[E\] Executor creation failed due to insufficient GPU memory\./);
	const vllmLow = await runCommand('vllm', ['serve', 'Qwen/Qwen3-32B', '--gpu-memory-utilization', '0.9'], env);
	t.is(vllmLow.code, 1);
	t.regex(vllmLow.stderr, /To serve at least one request with the models's max seq len \(40960\)/);
});

test('unknown flags: argparse and click wording, exit status 2', async t => {
	const env = simEnv({});
	const vllm = await runCommand('vllm', ['serve', 'Qwen/Qwen3-8B', '--max-num-seqz', '8'], env);
	t.is(vllm.code, 2);
	t.is(vllm.stderr, 'usage: vllm serve [model_tag] [options]\nvllm serve: error: unrecognized arguments: --max-num-seqz 8\n');
	const sglang = await runCommand('python', ['-m', 'sglang.launch_server', '--model-path', 'Qwen/Qwen3-8B', '--max_running_requests', '8'], env);
	t.is(sglang.code, 2);
	t.regex(sglang.stderr, /^usage: sglang serve \[-h\] --model-path MODEL_PATH /m);
	t.regex(sglang.stderr, /\nsglang serve: error: unrecognized arguments: --max_running_requests 8\n$/);
	const old = await runCommand('python', ['-m', 'sglang.launch_server', '--model-path', 'm', '--bogus'], simEnv({versions: {sglang: '0.5.8'}}));
	t.regex(old.stderr, /\nlaunch_server\.py: error: unrecognized arguments: --bogus\n$/);
	const trt = await runCommand('trtllm-serve', ['serve', 'Qwen/Qwen3-8B', '--tp-size', '2'], env);
	t.is(trt.code, 2);
	t.regex(trt.stderr, /^Usage: trtllm-serve serve \[OPTIONS\] MODEL\nTry 'trtllm-serve serve --help' for help\.\n\nError: No such option: --tp-size/);
	const vllmUnderscore = await runCommand('vllm', ['serve', '--help=max_num_seqs'], env);
	t.is(vllmUnderscore.code, 0);
	t.regex(vllmUnderscore.stdout, /--max-num-seqs MAX_NUM_SEQS/);
});
