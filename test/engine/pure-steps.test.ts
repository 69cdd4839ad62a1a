import test from 'ava';
import {createRedactor, redactDeep, redactedMark} from '../../source/engine/redact.js';
import {searchQps} from '../../source/engine/qps-search.js';
import {classifyFailure} from '../../source/engine/classify-failure.js';
import {busyGpuProblems, parseAppsCsv, parseGpuCsv} from '../../source/engine/gpu-query.js';
import {frameworkAdapter} from '../../source/frameworks/registry.js';
import {mergeScenarioNotes} from '../../source/engine/save-workloads.js';

test('redactor masks env secrets by value and token-shaped strings, keeps hashes and ids', t => {
	const redact = createRedactor({HF_TOKEN: 'canary-value-123', OPENAI_API_KEY: 'plainsecret', PATH: '/usr/bin'});
	const text = 'token canary-value-123 key plainsecret hf_AbCdEfGhIjKlMnOpQrStUv0123456789 sk-ABCDEFGHIJKLMNOPqrst Bearer xyz.abc.def --api-key s3cr3tvalue';
	const out = redact(text);
	for (const secret of ['canary-value-123', 'plainsecret', 'hf_AbCdEfGhIjKlMnOpQrStUv0123456789', 'sk-ABCDEFGHIJKLMNOPqrst', 'xyz.abc.def', 's3cr3tvalue'])
		t.false(out.includes(secret), secret);
	t.true(out.includes(redactedMark));
	const kept = 'sha256 ee22390adf009206043927c7f474b185a542242ad01c7359d63473b7fec23588 vllm-01-max-num-seqs-64 /usr/bin';
	t.is(redact(kept), kept);
	t.is(redact('bench --tokenizer Qwen/Qwen3-8B --model m'), 'bench --tokenizer Qwen/Qwen3-8B --model m');
	t.is(redact('serve --api-key abcd1234 --token=efgh5678'), `serve --api-key ${redactedMark} --token=${redactedMark}`);
	t.false(redact('opaque Zq8xK2mP9vL4nR7tW1yB3cD5fG6hJ0kA').includes('Zq8xK2mP9vL4nR7tW1yB3cD5fG6hJ0kA'));
	t.is(redact('curl http://admin:hunter2@gpu-box:8000/v1/models'), `curl http://${redactedMark}@gpu-box:8000/v1/models`);
	t.is(redact('--ssl-keyfile-password pa55word --client-secret=abcd1234'), `--ssl-keyfile-password ${redactedMark} --client-secret=${redactedMark}`);
});

test('redactor does not over-redact: container names, hf_* flag names, references to secrets stay readable', t => {
	const redact = createRedactor({});
	for (const text of [
		'docker run --rm --name llm-bench-2026-05-01T12-30-05-abc-vllm-00-baseline',
		'--hf_revision main --hf-revision main --hf_overrides {}',
		'bench --api-key-env OPENAI_API_KEY --max-tokens 128 --tokenizer Qwen/Qwen3-8B',
		'ws://127.0.0.1:8765',
	])
		t.is(redact(text), text);
	const row = redactDeep(
		{flags: {api_key: 'x1', hf_token: 12_345_678, api_key_env: 'MY_KEY', max_tokens: 5, tokenizer: 'Qwen/Qwen3-8B'}, metrics: {output_token_throughput: 1.5}},
		redact,
	);
	t.deepEqual(row, {
		flags: {api_key: redactedMark, hf_token: redactedMark, api_key_env: 'MY_KEY', max_tokens: 5, tokenizer: 'Qwen/Qwen3-8B'},
		metrics: {output_token_throughput: 1.5},
	});
});

test('QPS search: lower first, then upper, then bisection; the highest passing rate is reported', async t => {
	const tried: number[] = [];
	const result = await searchQps({lower: 1, upper: 9, tolerance: 0.01, maxRounds: 5}, async rate => {
		tried.push(rate);
		return {passed: rate <= 6, measurement: rate};
	});
	t.deepEqual(tried, [1, 9, 5, 7, 6]);
	t.is(result.best?.requestRate, 6);
	t.is(result.rounds.length, 5);
});

test('QPS search: a failing lower bound ends the search with no best; upper passing ends it at once', async t => {
	const failing = await searchQps({lower: 2, upper: 8, tolerance: 0.1, maxRounds: 5}, async rate => ({passed: false, measurement: rate}));
	t.is(failing.best, null);
	t.is(failing.rounds.length, 1);
	const easy = await searchQps({lower: 2, upper: 8, tolerance: 0.1, maxRounds: 5}, async rate => ({passed: true, measurement: rate}));
	t.is(easy.best?.requestRate, 8);
	t.is(easy.rounds.length, 2);
	const stopped = await searchQps({lower: 2, upper: 8, tolerance: 0.1, maxRounds: 5}, async () => null);
	t.true(stopped.interrupted);
});

test('failure classification quotes the decisive line: OOM, unknown flag, NCCL, generic crash', t => {
	const vllm = frameworkAdapter('vllm').runtime.failurePatterns;
	const oom = classifyFailure(
		{code: 1, signal: null},
		['INFO loading', 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB', 'RuntimeError: Engine core initialization failed.'],
		vllm,
	);
	t.is(oom.status, 'oom');
	t.true(oom.reason.includes('"torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB"'));
	const flag = classifyFailure(
		{code: 2, signal: null},
		['usage: vllm serve [model_tag] [options]', 'vllm serve: error: unrecognized arguments: --max-num-partial-prefill 2'],
		vllm,
	);
	t.is(flag.kind, 'unknown flag');
	t.true(flag.reason.includes('exit status 2'));
	const nccl = classifyFailure(
		{code: 1, signal: null},
		['torch.distributed.DistBackendError: NCCL error in: ...'],
		frameworkAdapter('tensorrt_llm').runtime.failurePatterns,
	);
	t.is(nccl.kind, 'NCCL');
	const dbo = classifyFailure(
		{code: 1, signal: null},
		[
			'Traceback (most recent call last):',
			'  File "/usr/local/bin/vllm", line 10, in <module>',
			'AssertionError: Microbatching currently only supports the deepep_low_latency and deepep_high_throughput all2all backend.',
		],
		vllm,
	);
	t.is(dbo.kind, 'incompatible flags (DBO needs a DeepEP all2all backend)', 'DBO is supported; the backend it needs was missing');
	t.true(dbo.reason.includes('AssertionError: Microbatching'));
	const exception = classifyFailure(
		{code: 1, signal: null},
		['Traceback (most recent call last):', 'KeyError: weird'],
		frameworkAdapter('sglang').runtime.failurePatterns,
	);
	t.true(exception.reason.includes('"KeyError: weird"'));
	const crash = classifyFailure({code: null, signal: 'SIGSEGV'}, ['something odd'], frameworkAdapter('sglang').runtime.failurePatterns);
	t.is(crash.kind, 'startup crash');
	t.true(crash.reason.includes('SIGSEGV') && crash.reason.includes('something odd'));
});

test('busy GPU names the GPU id and the process holding it', t => {
	const gpus = parseGpuCsv('0, NVIDIA H100 80GB HBM3, GPU-aaa, 0, 81559, 0, 570.1\n1, NVIDIA H100 80GB HBM3, GPU-bbb, 30000, 81559, 97, 570.1\n');
	const apps = parseAppsCsv('GPU-bbb, 4242, python, 30000\n');
	t.deepEqual(busyGpuProblems({gpus, apps, error: null}, [0]), []);
	t.deepEqual(busyGpuProblems({gpus, apps, error: null}, [0, 1, 5]), [
		'GPU 1 is busy: held by pid 4242 (python, 30000 MiB)',
		'GPU 5 is not present (nvidia-smi lists 0, 1)',
	]);
});

test('workload notes: once each; a note only some scenarios have names them', t => {
	const merged = mergeScenarioNotes(
		new Map([
			['chat', ['synthetic', 'chat template', 'chat template']],
			['summarization', ['synthetic', 'chat template', 'holds 10 rows, fewer than num_prompts 16']],
			['long', ['synthetic', 'chat template', 'holds 10 rows, fewer than num_prompts 16']],
		]),
	);
	t.deepEqual(merged, ['synthetic', 'chat template', 'scenarios summarization, long: holds 10 rows, fewer than num_prompts 16']);
	t.deepEqual(
		mergeScenarioNotes(
			new Map([
				['chat', ['a']],
				['code', ['b']],
			]),
		),
		['scenario chat: a', 'scenario code: b'],
	);
});
