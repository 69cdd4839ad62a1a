import test from 'ava';
import {checkFeasibility, modelMemory} from '../../source/engine/adaptive/feasibility.js';
import {challengeRate, floorDecision, incumbentFor, planProbe, probeDecision, probePrompts} from '../../source/engine/adaptive/schedule.js';
import type {ResultRow} from '../../source/results/result-row.js';

/** Issue 16: the adaptive search's pure decisions — the memory guard and the probe/prune schedule. */

const plan = {
	model: {name: 'meta-llama/Llama-3.1-70B-Instruct', tokenizer: null, precision: null, quantization: null, maxPositionEmbeddings: null},
	scenarios: [{name: 'chat', inputLen: 1024, outputLen: 256}],
};
const model = modelMemory({...plan, sourceFile: '/nowhere/plan.yaml'})!;

test('model size comes from the name (the first <N>B), KV only from a config.json', t => {
	t.is(model.paramsB, 70);
	t.is(model.kvBytesPerToken, null);
	t.regex(model.source, /KV not checked/);
	t.is(modelMemory({model: {...plan.model, name: 'my-model'}, sourceFile: '/x/plan.yaml'}), null, 'no size in the name: the guard does not judge');
});

test('guard: weights per GPU against what the memory setting allows, per framework', t => {
	const check = (framework: 'vllm' | 'sglang' | 'tensorrt_llm', flags: Record<string, unknown>, gpus = 8) =>
		checkFeasibility({framework, flags: flags as never, plan, model, gpuMemoryGiB: 79.65, gpusAvailable: gpus})!;
	const tp1 = check('vllm', {tensor_parallel_size: 1});
	t.false(tp1.feasible, '140 GB of bf16 weights do not fit one 80 GB GPU');
	t.is(tp1.predicted.weights_gib_per_gpu, 130.39);
	t.regex(
		tp1.feasible ? '' : tp1.reason,
		/weights need 130\.39 GiB per GPU at tensor parallel 1, more than the 71\.69 GiB that gpu_memory_utilization=0\.9 allows/,
	);
	t.true(check('vllm', {tensor_parallel_size: 2}).feasible, 'TP 2: 65 GiB per GPU fits under 0.9 × 80');
	t.false(check('vllm', {tensor_parallel_size: 2, gpu_memory_utilization: 0.8}).feasible, 'but not under 0.8 × 80 = 63.7');
	t.true(check('vllm', {tensor_parallel_size: 2, quantization: 'fp8', gpu_memory_utilization: 0.5}).feasible, 'fp8 halves the weights');
	const tooMany = check('vllm', {tensor_parallel_size: 4}, 2);
	t.regex(tooMany.feasible ? '' : tooMany.reason, /needs 4 GPUs \(tensor parallel 4\); the plan gives 2/);
	t.false(check('sglang', {tp_size: 2, mem_fraction_static: 0.8}).feasible);
	t.true(check('sglang', {tp_size: 4}).feasible);
	t.true(check('tensorrt_llm', {tp_size: 2}).feasible, 'TensorRT-LLM: the fraction applies to what the weights leave');
	t.false(check('tensorrt_llm', {tp_size: 1}).feasible);
	t.is(checkFeasibility({framework: 'openai_compatible', flags: {}, plan, model, gpuMemoryGiB: 80, gpusAvailable: 1}), null, 'no knobs known: not judged');
});

test('guard: with the KV size known, a pool that cannot hold one sequence of the longest scenario is infeasible', t => {
	const withKv = {...model, kvBytesPerToken: 80 * 8 * 128 * 2 * 2};
	const verdict = checkFeasibility({
		framework: 'vllm',
		flags: {tensor_parallel_size: 2, gpu_memory_utilization: 0.82},
		plan,
		model: withKv,
		gpuMemoryGiB: 79.65,
		gpusAvailable: 2,
	})!;
	t.false(verdict.feasible);
	t.regex(verdict.feasible ? '' : verdict.reason, /KV pool \(0\.\d\d GiB, \d+ tokens\) cannot hold one 1280-token sequence/);
	t.true(checkFeasibility({framework: 'vllm', flags: {tensor_parallel_size: 2}, plan, model: withKv, gpuMemoryGiB: 79.65, gpusAvailable: 2})!.feasible);
});

const row = (candidate: string, rate: number, passed: boolean, throughput: number, extra: Partial<ResultRow> = {}): ResultRow =>
	({
		framework: 'vllm',
		candidate_id: candidate,
		status: 'ok',
		workload: {scenario: 'chat', max_concurrency: null, load_mode: 'steady', request_rate: rate},
		sla: {passed, failures: passed ? [] : ['p99_ttft_ms 900 > 500']},
		metrics: {request_throughput: throughput},
		...extra,
	}) as ResultRow;

const bracket = (passed: number, failed: number | null) => ({
	statistics: {
		intervals: {},
		qps_bracket: {passed_rate: passed, failed_rate: failed, confident_fail_rate: failed, converged: false, tolerance: 0.1, extra_batches: 0},
	},
});

test('the incumbent is the best SLA-passing steady row of the same job so far, with the first rate it did not pass', t => {
	const job = {framework: 'vllm', scenario: 'chat', maxConcurrency: null};
	t.is(incumbentFor([], job, null), null, 'nothing measured yet: the first candidate runs in full');
	const rows = [
		row('a', 4, true, 3.9, bracket(4, 8) as never),
		row('b', 8, true, 7.8, bracket(8, 16.19) as never),
		row('c', 16, false, 9),
		row('d', 12, true, 11.7, {status: 'skipped'}),
	];
	t.deepEqual(incumbentFor(rows, job, null), {candidateId: 'b', rate: 8, throughput: 7.8, failedRate: 16.19}, 'failing and skipped rows never set the bar');
	t.is(incumbentFor(rows, {...job, scenario: 'other'}, null), null);
	t.is(incumbentFor(rows, {...job, maxConcurrency: 8}, null), null, 'another max_concurrency is another job');
	const top = incumbentFor([row('e', 64, true, 63, bracket(64, null) as never)], job, null)!;
	t.is(top.failedRate, null, 'passed at the upper bound: nothing above it failed');
	t.is(challengeRate(top), 64, 'then the challenge is that bound: a tie at best');
	t.is(challengeRate(incumbentFor(rows, job, null)!), 16.19, 'else the first rate the incumbent did not pass');
});

test('prune only on a failed verdict at the challenge rate; undecided and pass search from there', t => {
	const incumbent = {candidateId: 'b', rate: 8, throughput: 7.8, failedRate: 16.19};
	const failed = probeDecision({outcome: 'fail', failures: ['p99_ttft_ms 900 > 500 (95 % interval 800–1000 ms)'], undecided: [], completed: 32}, incumbent);
	t.true(failed.prune);
	t.regex(
		failed.why,
		/failed the SLA at 16\.19 req\/s, where b did not pass \(it passed at 8\) \(p99_ttft_ms 900 > 500 \(95 % interval 800–1000 ms\); 32 requests\): its best passing rate is below 16\.19 req\/s, so it can at best tie b at 8/,
	);
	const undecided = probeDecision({outcome: 'undecided', failures: [], undecided: ['p99_ttft_ms: interval 400–600 straddles 500'], completed: 32}, incumbent);
	t.false(undecided.prune, 'never on noise');
	t.regex(undecided.why, /search starts there/);
	t.false(probeDecision({outcome: 'pass', failures: [], undecided: [], completed: 32}, incumbent).prune);
	const atTop = probeDecision({outcome: 'fail', failures: ['x'], undecided: [], completed: 32}, {...incumbent, rate: 64, failedRate: null});
	t.regex(atTop.why, /at 64 req\/s, where b passed \(the search's upper bound\).*it cannot reach the rate b passed at, so it cannot outrank it/);
});

test('which probe: a challenge against the incumbent, the floor while nothing passed, none for the first measured or at the lower bound', t => {
	const job = {framework: 'vllm', scenario: 'chat', maxConcurrency: null, candidateId: 'x'};
	t.is(planProbe([], job, null, 0.25), null, 'the first candidate of a job is measured in full');
	const failing = [row('a', 0.25, false, 0.2), row('b', 0.25, false, 0.2)];
	t.deepEqual(planProbe(failing, job, null, 0.25), {rung: 'floor', rate: 0.25, measured: ['a', 'b']}, 'nothing passed yet: probe at the lower bound');
	t.is(planProbe([row('a', 0.25, false, 0.2, {status: 'failed'})], job, null, 0.25), null, 'a failed server is no measurement of the job');
	const passing = [...failing, row('c', 4, true, 3.9, bracket(4, 8) as never)];
	const challenge = planProbe(passing, job, null, 0.25);
	t.is(challenge?.rung, 'challenge');
	t.is(challenge?.rate, 8);
	t.is(planProbe(passing, {...job, candidateId: 'c'}, null, 0.25), null, 'the incumbent itself is not probed');
	t.is(
		planProbe([row('c', 0.25, true, 0.25, bracket(0.25, null) as never)], job, null, 0.25),
		null,
		'a challenge at the lower bound would be the first round itself',
	);
});

test('floor: a failed probe means no rate can pass; pass or undecided is measured in full', t => {
	const plan = {rung: 'floor', rate: 0.25, measured: ['a']} as const;
	const failed = floorDecision({outcome: 'fail', failures: ['p90_ttft_ms 900 > 300'], undecided: [], completed: 32}, plan);
	t.true(failed.prune);
	t.regex(failed.why, /failed the SLA at the search's lower bound 0\.25 req\/s, where no candidate has passed so far \(a measured\).*no passing rate/);
	t.false(floorDecision({outcome: 'undecided', failures: [], undecided: ['p90 straddles'], completed: 32}, plan).prune, 'never on noise');
	t.false(floorDecision({outcome: 'pass', failures: [], undecided: [], completed: 32}, plan).prune);
});

test('probe size: half a round by default (8 at least, a round at most), or the plan’s', t => {
	t.is(probePrompts(200, null), 100);
	t.is(probePrompts(6, null), 6);
	t.is(probePrompts(12, null), 8);
	t.is(probePrompts(200, 40), 40);
	t.is(probePrompts(20, 400), 20);
});
