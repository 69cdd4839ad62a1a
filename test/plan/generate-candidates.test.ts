import test from 'ava';
import {loadPlan, loadPlanText} from '../../source/config/load-plan.js';
import type {Plan} from '../../source/config/plan.js';
import {boundedProduct, generateCandidates} from '../../source/plan/generate-candidates.js';

async function load(file: string): Promise<Plan> {
	const {plan, issues} = await loadPlan(file);
	if (plan === null) {
		throw new Error(issues.map(issue => issue.message).join('\n'));
	}

	return plan;
}

test('qwen3-235b vLLM: search space (3×2×1×1×2×1×1 = 12) larger than the cap of 8; last key varies fastest', async t => {
	const plan = await load('configs/cookbook-llm/qwen3-235b-a22b.yaml');
	const {candidates, rejected} = generateCandidates(plan, plan.frameworks[1]!);
	t.deepEqual(rejected, []);
	const base = {
		tensor_parallel_size: 8,
		gpu_memory_utilization: 0.9,
		max_model_len: 12288,
		dtype: 'auto',
		enable_chunked_prefill: true,
		kv_cache_dtype: 'auto',
	};
	const fixed = {max_num_partial_prefills: 1, max_long_partial_prefills: 1, enable_prefix_caching: true, block_size: 16};
	// Computed by hand: (max_num_seqs, max_num_batched_tokens, long_prefill_token_threshold).
	const expected = [
		base,
		...[
			[32, 8192, 0],
			[32, 8192, 4096],
			[32, 16384, 0],
			[32, 16384, 4096],
			[48, 8192, 0],
			[48, 8192, 4096],
			[48, 16384, 0],
		].map(([seqs, tokens, threshold]) => ({
			...base,
			max_num_seqs: seqs,
			max_num_batched_tokens: tokens,
			...fixed,
			long_prefill_token_threshold: threshold,
		})),
	];
	t.deepEqual(
		candidates.map(candidate => candidate.flags),
		expected,
	);
	t.deepEqual(
		candidates.map(candidate => candidate.index),
		[0, 1, 2, 3, 4, 5, 6, 7],
	);
	t.is(candidates[0]!.id, 'vllm-00-baseline');
	// Every flag that differs from the baseline is named, the single-valued search keys too (initials: the full names pass 80 characters).
	t.is(candidates[3]!.id, 'vllm-03-mns-32-mnbt-16384-mnpp-1-mlpp-1-lptt-0-epc-bs-16');
	t.deepEqual(candidates[3]!.argv, [
		'vllm',
		'serve',
		'Qwen/Qwen3-235B-A22B',
		'--tensor-parallel-size',
		'8',
		'--gpu-memory-utilization',
		'0.9',
		'--max-model-len',
		'12288',
		'--dtype',
		'auto',
		'--enable-chunked-prefill',
		'--kv-cache-dtype',
		'auto',
		'--max-num-seqs',
		'32',
		'--max-num-batched-tokens',
		'16384',
		'--max-num-partial-prefills',
		'1',
		'--max-long-partial-prefills',
		'1',
		'--long-prefill-token-threshold',
		'0',
		'--enable-prefix-caching',
		'--block-size',
		'16',
	]);
	t.deepEqual(candidates[3]!.diff, {max_num_seqs: 32, max_num_batched_tokens: 16384, ...fixed, long_prefill_token_threshold: 0});
});

test('qwen3-235b TensorRT-LLM: a search key (max_seq_len) also in the base flags — the search value wins in place', async t => {
	const plan = await load('configs/cookbook-llm/qwen3-235b-a22b.yaml');
	const {candidates} = generateCandidates(plan, plan.frameworks[2]!);
	const base = {backend: 'pytorch', tp_size: 8, pp_size: 1, kv_cache_free_gpu_memory_fraction: 0.75, max_seq_len: 12288};
	// (max_batch_size, max_num_tokens, max_seq_len, ep_size), by hand.
	const combos = [
		[32, 8192, 12288, 1],
		[32, 8192, 12288, 4],
		[32, 8192, 12288, 8],
		[32, 8192, 16384, 1],
		[32, 8192, 16384, 4],
		[32, 8192, 16384, 8],
		[32, 16384, 12288, 1],
	];
	t.deepEqual(
		candidates.map(candidate => candidate.flags),
		[base, ...combos.map(([batch, tokens, seq, ep]) => ({...base, max_seq_len: seq, max_batch_size: batch, max_num_tokens: tokens, ep_size: ep}))],
	);
	t.deepEqual(candidates[4]!.argv, [
		'trtllm-serve',
		'serve',
		'Qwen/Qwen3-235B-A22B',
		'--backend',
		'pytorch',
		'--tp_size',
		'8',
		'--pp_size',
		'1',
		'--kv_cache_free_gpu_memory_fraction',
		'0.75',
		'--max_seq_len',
		'16384',
		'--max_batch_size',
		'32',
		'--max_num_tokens',
		'8192',
		'--ep_size',
		'1',
	]);
	// The baseline's own max_seq_len is not a difference.
	t.deepEqual(candidates[1]!.diff, {max_batch_size: 32, max_num_tokens: 8192, ep_size: 1});
	t.is(candidates[1]!.id, 'tensorrt_llm-01-max-batch-size-32-max-num-tokens-8192-ep-size-1');
});

test('a combination equal to an earlier candidate is dropped, and the cap counts only kept ones', t => {
	const base = {tp_size: 1, max_running_requests: 64};
	const list = boundedProduct(
		base,
		[
			['max_running_requests', [64, 128, 128, 256]],
			['enable_metrics', [true]],
		],
		10,
	);
	t.deepEqual(list, [
		base,
		{tp_size: 1, max_running_requests: 64, enable_metrics: true},
		{tp_size: 1, max_running_requests: 128, enable_metrics: true},
		{tp_size: 1, max_running_requests: 256, enable_metrics: true},
	]);
	const dropsBaselineCopy = boundedProduct(base, [['max_running_requests', [64, 32]]], 10);
	t.deepEqual(dropsBaselineCopy, [base, {tp_size: 1, max_running_requests: 32}]);
});

test('the budget is exact: 1 means the baseline alone; no search space means the baseline alone', t => {
	t.deepEqual(boundedProduct({a: 1}, [['b', [1, 2]]], 1), [{a: 1}]);
	t.deepEqual(boundedProduct({a: 1}, [], 5), [{a: 1}]);
	t.is(
		boundedProduct(
			{},
			[
				['a', [1, 2, 3]],
				['b', [1, 2, 3]],
				['c', [1, 2, 3]],
			],
			5,
		).length,
		5,
	);
});

test('a TensorRT-LLM candidate asking for another backend is rejected with a reason, never rendered', async t => {
	const {plan} = await loadPlanText(
		'model: {name: m}\ndataset: {input_len: 10, output_len: 10}\nframeworks:\n  vllm: {base_server_flags: {max_model_len: 100}}\n',
		'inline.yaml',
	);
	const framework = {
		name: 'tensorrt_llm' as const,
		enabled: true,
		serverCommand: ['trtllm-serve', 'serve'],
		baseFlags: {backend: 'pytorch', tp_size: 1},
		searchSpace: [
			['backend', ['pytorch', 'trt', 'tensorrt']],
			['max_batch_size', [8]],
		] as const,
		backendPolicy: 'fixed_pytorch',
		versionManifest: null,
	};
	const {candidates, rejected} = generateCandidates(plan!, framework);
	t.deepEqual(
		candidates.map(candidate => candidate.id),
		['tensorrt_llm-00-baseline', 'tensorrt_llm-01-max-batch-size-8'],
	);
	t.deepEqual(
		rejected.map(entry => [entry.id, entry.flags.backend]),
		[
			['tensorrt_llm-02-backend-trt-max-batch-size-8', 'trt'],
			['tensorrt_llm-03-backend-tensorrt-max-batch-size-8', 'tensorrt'],
		],
	);
	t.regex(rejected[0]!.reason, /fixed to the PyTorch backend.*"trt"/);
});

test('every shipped config yields, per enabled framework, the baseline first and at most the budget', async t => {
	const {readdir} = await import('node:fs/promises');
	const files = (await readdir('configs/cookbook-llm')).map(name => `configs/cookbook-llm/${name}`);
	t.is(files.length, 32);
	for (const file of files) {
		const plan = await load(file);
		t.deepEqual(
			plan.frameworks.map(framework => framework.name),
			['sglang', 'vllm', 'tensorrt_llm'],
			file,
		);
		for (const framework of plan.frameworks) {
			const {candidates} = generateCandidates(plan, framework);
			t.deepEqual(candidates[0]!.flags, framework.baseFlags, file);
			t.true(candidates.length <= plan.search.maxCandidatesPerFramework, file);
			t.is(new Set(candidates.map(candidate => candidate.id)).size, candidates.length, file);
			t.true(
				candidates.every(candidate => /^[a-z0-9_.-]+$/.test(candidate.id) && candidate.id.length <= 100),
				file,
			);
		}
	}
});
