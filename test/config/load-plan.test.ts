import {mkdtemp, mkdir, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {formatIssue, loadPlan, loadPlanText} from '../../source/config/load-plan.js';

const base = `model:
  name: Qwen/Qwen3-8B
dataset:
  input_len: [1000, 3000]
  output_len: [500, 1000]
sla:
  max_p99_ttft_ms: 2000
frameworks:
  vllm:
    base_server_flags:
      max_model_len: 8192
    search_space:
      max_num_seqs: 64
`;

test('a cookbook config loads into a Plan with its scenarios, SLA and framework sections', async t => {
	const {plan, issues} = await loadPlan('configs/cookbook-llm/qwen3-235b-a22b.yaml');
	t.deepEqual(issues, []);
	t.truthy(plan);
	t.is(plan!.shape, 'cookbook');
	t.is(plan!.model.name, 'Qwen/Qwen3-235B-A22B');
	t.deepEqual(plan!.scenarios, [
		{name: 'chat', inputLen: 1000, outputLen: 1000},
		{name: 'summarization', inputLen: 8000, outputLen: 1000},
	]);
	t.deepEqual(plan!.sla, {max_p99_ttft_ms: 1500, max_p99_tpot_ms: 30, min_success_rate: 0.99});
	t.deepEqual(plan!.benchmark.maxConcurrency, [null, 4, 8]);
	t.deepEqual(plan!.benchmark.qps, {lower: 0.25, upper: 4, tolerance: 0.1, maxRounds: 5, extraBatches: 2});
	t.is(plan!.search.maxCandidatesPerFramework, 8);
	t.is(plan!.search.outputDir, './auto_benchmark_results/cookbook-llm/qwen3-235b-a22b');
	t.deepEqual(
		plan!.frameworks.map(framework => framework.name),
		['sglang', 'vllm', 'tensorrt_llm'],
	);
	const trt = plan!.frameworks[2]!;
	t.deepEqual(trt.serverCommand, ['trtllm-serve', 'serve']);
	t.is(trt.backendPolicy, 'fixed_pytorch');
	t.deepEqual(
		trt.searchSpace.map(([key]) => key),
		['max_batch_size', 'max_num_tokens', 'max_seq_len', 'ep_size'],
	);
});

test('the runtime example plan loads with defaults per framework and its optional fields', async t => {
	const {plan, issues} = await loadPlan('configs/example-plan.yaml');
	t.deepEqual(
		issues.filter(issue => issue.severity === 'error'),
		[],
	);
	t.is(plan!.shape, 'runtime');
	t.deepEqual(
		plan!.frameworks.map(framework => framework.serverCommand.join(' ')),
		['python -m sglang.launch_server', 'vllm serve', 'trtllm-serve serve'],
	);
	t.is(plan!.benchmark.endpoint, '/v1/chat/completions');
	t.is(plan!.search.outputDir, '/bench/results/llm-serving-auto-benchmark');
	t.deepEqual(plan!.frameworks[1]!.versionManifest?.container_image, 'vllm/vllm-openai:latest');
});

test('runtime defaults: qps bounds, one scenario name per pair, budget, [null] concurrency; scalar search value is a one-element list', async t => {
	const {plan, issues} = await loadPlanText(base, 'inline.yaml');
	t.deepEqual(issues, []);
	t.deepEqual(plan!.benchmark.qps, {lower: 0.5, upper: 16, tolerance: 0.1, maxRounds: 5, extraBatches: 2});
	t.deepEqual(
		plan!.scenarios.map(scenario => scenario.name),
		['s0', 's1'],
	);
	t.deepEqual(plan!.benchmark.maxConcurrency, [null]);
	t.is(plan!.search.maxCandidatesPerFramework, 8);
	t.deepEqual(plan!.frameworks[0]!.searchSpace, [['max_num_seqs', [64]]]);
});

test('trtllm is accepted as an alias of tensorrt_llm and keeps its YAML key for messages', async t => {
	const text = `${base}  trtllm:\n    backend_policy: fixed_pytorch\n    base_server_flags: {backend: pytorch, max_seq_len: 1000}\n`;
	const {plan, issues} = await loadPlanText(text, 'alias.yaml');
	t.is(plan, null);
	t.is(issues.length, 1);
	t.is(issues[0]!.path, 'frameworks.trtllm.base_server_flags.max_seq_len');
	t.is(issues[0]!.line, 16);
	t.is(formatIssue(issues[0]!), `alias.yaml:16: frameworks.trtllm.base_server_flags.max_seq_len: ${issues[0]!.message}`);
});

test('every problem of a file is reported at once, unknown keys with the valid list and a guess', async t => {
	const text = base.replace('sla:\n', 'slaa: {}\nsla:\n').replace('max_p99_ttft_ms', 'max_p99_ttft_msec').replace('max_model_len: 8192', 'max_model_len: 100');
	const {plan, issues} = await loadPlanText(text, 'many.yaml');
	t.is(plan, null);
	const byPath = new Map(issues.map(issue => [issue.path, issue.message]));
	t.regex(byPath.get('slaa')!, /unknown key 'slaa' \(did you mean 'sla'\?\); valid: schema_version, .*frameworks/);
	t.regex(byPath.get('sla.max_p99_ttft_msec')!, /unknown SLA key .*did you mean 'max_p99_ttft_ms'/);
	t.regex(byPath.get('frameworks.vllm.base_server_flags.max_model_len')!, /100 is too small/);
});

test('cookbook configs must set the vLLM / TensorRT-LLM sequence limit; SGLang may leave it to the model', async t => {
	const cookbook = `schema_version: 1\nsource: {kind: llm_serving_cookbook}\nsearch: {max_candidates_per_framework: 2}\n${base.replace('      max_model_len: 8192\n', '      tensor_parallel_size: 1\n').replace('  vllm:\n', '  sglang:\n    server_command: python -m sglang.launch_server\n    base_server_flags: {tp_size: 1}\n  vllm:\n    server_command: vllm serve\n')}`;
	const {issues} = await loadPlanText(cookbook, 'cookbook.yaml');
	t.deepEqual(
		issues.map(issue => issue.path),
		['frameworks.vllm.base_server_flags.max_model_len'],
	);
	t.regex(issues[0]!.message, /must be set in a cookbook config/);
});

test('a runtime plan reads max_position_embeddings from a local model directory', async t => {
	const dir = await mkdtemp(path.join(tmpdir(), 'plan-model-'));
	await mkdir(path.join(dir, 'tiny'));
	await writeFile(path.join(dir, 'tiny', 'config.json'), JSON.stringify({max_position_embeddings: 2048}));
	const text = base.replace('name: Qwen/Qwen3-8B', 'name: tiny').replace('      max_model_len: 8192\n', '      tensor_parallel_size: 1\n');
	const {plan, issues} = await loadPlanText(text, 'local.yaml', dir);
	t.is(plan, null);
	t.regex(issues[0]!.message, /max_position_embeddings \(2048\) is too small/);

	const remote = await loadPlanText(text.replace('name: tiny', 'name: org/not-local'), 'remote.yaml', dir);
	t.truthy(remote.plan);
	t.is(remote.issues[0]!.severity, 'warning');
	t.regex(remote.issues[0]!.message, /coverage of 4000 tokens is not verified/);
});

test('ambiguous SLA keys point at the explicit name; qps.max_rounds is capped at 5', async t => {
	const text = `${base.replace('max_p99_ttft_ms: 2000', 'max_e2e_ms: 9000')}benchmark:\n  qps: {max_rounds: 6}\n`;
	const {issues} = await loadPlanText(text, 'sla.yaml');
	t.deepEqual(
		issues.map(issue => issue.path),
		['benchmark.qps.max_rounds', 'sla.max_e2e_ms'],
	);
	t.regex(issues[1]!.message, /'max_p99_e2e_ms' or 'max_p50_e2e_ms'/);
});

test('a missing file is an issue, not an exception', async t => {
	const {plan, issues} = await loadPlan('does/not/exist.yaml');
	t.is(plan, null);
	t.regex(issues[0]!.message, /no such file/);
});
