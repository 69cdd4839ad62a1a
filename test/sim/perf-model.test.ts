import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {planFor} from '../../source/sim/launch/plan-for.js';
import type {LaunchPlan} from '../../source/sim/launch/launch-plan.js';
import type {SimFramework} from '../../source/sim/perf/engine-config.js';
import {planMemory} from '../../source/sim/perf/memory.js';
import {stepSeconds} from '../../source/sim/perf/roofline.js';
import {mean, simulate, type SimArrival} from '../../source/sim/perf/simulate.js';
import {parseWorld} from '../../source/sim/world.js';

const state = mkdtempSync(path.join(tmpdir(), 'sim-model-'));
const world = parseWorld('{}');

function plan(framework: SimFramework, argv: string[], w = world): LaunchPlan {
	const resolution = planFor(framework, argv, w, state);
	if (!resolution.ok) {
		throw new Error(resolution.failure.errorLines.join('\n'));
	}

	return resolution.plan;
}

const burst = (count: number, promptTokens: number, outputTokens: number): SimArrival[] =>
	Array.from({length: count}, () => ({atS: 0, promptTokens, outputTokens}));

test('a larger batch cap raises throughput until KV capacity binds', t => {
	const throughput = (seqs: number, kvTokens?: number): number => {
		const {config} = plan('vllm', ['Qwen/Qwen3-8B', '--max-num-seqs', String(seqs)]);
		return simulate(config, burst(256, 512, 128), kvTokens).outputTokensPerS;
	};

	const t8 = throughput(8);
	const t32 = throughput(32);
	const t128 = throughput(128);
	t.true(t32 > t8 * 1.5, `32 seqs ${t32} vs 8 seqs ${t8}`);
	t.true(t128 > t32 * 1.3, `128 seqs ${t128} vs 32 seqs ${t32}`);

	// With room for ~24 sequences of 640 tokens, a cap of 128 cannot beat a cap of 32 by much.
	const small = 24 * 640;
	const bound32 = throughput(32, small);
	const bound128 = throughput(128, small);
	t.true(bound128 < bound32 * 1.15, `KV-bound: 128 seqs ${bound128} vs 32 seqs ${bound32}`);
	t.true(bound128 < t128 * 0.6);
});

test('longer prompts raise TTFT (every framework)', t => {
	for (const [framework, argv] of [
		['vllm', ['Qwen/Qwen3-8B']],
		['sglang', ['--model-path', 'Qwen/Qwen3-8B']],
		['tensorrt_llm', ['Qwen/Qwen3-8B', '--enable_chunked_prefill']],
	] as const) {
		const {config} = plan(framework, [...argv]);
		const short = simulate(config, burst(1, 512, 16)).ttftS[0]!;
		const long = simulate(config, burst(1, 8000, 16)).ttftS[0]!;
		t.true(long > short * 5, `${framework}: ${long} vs ${short}`);
	}
});

test('a higher memory fraction gives more KV (all three knobs)', t => {
	const kv = (framework: SimFramework, argv: string[]): number => plan(framework, argv).memory.kvTokens;
	t.true(kv('vllm', ['Qwen/Qwen3-8B', '--gpu-memory-utilization', '0.9']) > kv('vllm', ['Qwen/Qwen3-8B', '--gpu-memory-utilization', '0.6']));
	t.true(
		kv('sglang', ['--model-path', 'Qwen/Qwen3-8B', '--mem-fraction-static', '0.88']) >
			kv('sglang', ['--model-path', 'Qwen/Qwen3-8B', '--mem-fraction-static', '0.6']),
	);
	t.true(
		kv('tensorrt_llm', ['Qwen/Qwen3-8B', '--kv_cache_free_gpu_memory_fraction', '0.9']) >
			kv('tensorrt_llm', ['Qwen/Qwen3-8B', '--kv_cache_free_gpu_memory_fraction', '0.5']),
	);
});

test('OOM above the threshold, and startup succeeds just below it', t => {
	const starts = (framework: SimFramework, argv: string[]): boolean => planFor(framework, argv, world, state).ok;
	t.true(starts('sglang', ['--model-path', 'Qwen/Qwen3-8B', '--mem-fraction-static', '0.9']));
	t.false(starts('sglang', ['--model-path', 'Qwen/Qwen3-8B', '--mem-fraction-static', '0.98']));
	t.true(starts('vllm', ['Qwen/Qwen3-8B', '--gpu-memory-utilization', '0.95']));
	t.false(starts('vllm', ['Qwen/Qwen3-8B', '--gpu-memory-utilization', '0.999']));
	t.true(starts('tensorrt_llm', ['Qwen/Qwen3-8B', '--kv_cache_free_gpu_memory_fraction', '0.9']));
	t.false(starts('tensorrt_llm', ['Qwen/Qwen3-8B', '--kv_cache_free_gpu_memory_fraction', '0.99']));
	// Too high a batch setting runs out of activation memory too.
	t.false(
		starts('sglang', ['--model-path', 'Qwen/Qwen3-8B', '--mem-fraction-static', '0.9', '--chunked-prefill-size', '65536', '--max-prefill-tokens', '65536']),
	);
	// A model that does not fit one GPU.
	t.false(starts('vllm', ['meta-llama/Llama-3.1-70B-Instruct']));
	t.true(starts('vllm', ['meta-llama/Llama-3.1-70B-Instruct', '--tensor-parallel-size', '4']));
});

test('TP shortens steps, sub-linearly', t => {
	const one = plan('vllm', ['Qwen/Qwen3-32B', '--max-model-len', '8192', '--tensor-parallel-size', '1']).config;
	const two = plan('vllm', ['Qwen/Qwen3-32B', '--max-model-len', '8192', '--tensor-parallel-size', '2']).config;
	const four = plan('vllm', ['Qwen/Qwen3-32B', '--max-model-len', '8192', '--tensor-parallel-size', '4']).config;
	const work = {decodeSeqs: 32, decodeContextTokens: 32 * 1000, prefillTokens: 0, prefillAttentionWork: 0, prefillSeqs: 0};
	const [s1, s2, s4] = [one, two, four].map(config => stepSeconds(config, work));
	t.true(s2! < s1! && s4! < s2!);
	t.true(s2! > s1! / 2, 'TP=2 is less than twice as fast');
	t.true(s4! > s1! / 4);
});

test('decode is memory-bound: step time grows with batch and context; prefill with length', t => {
	const {config} = plan('vllm', ['Qwen/Qwen3-8B']);
	const decode = (seqs: number, context: number): number =>
		stepSeconds(config, {decodeSeqs: seqs, decodeContextTokens: seqs * context, prefillTokens: 0, prefillAttentionWork: 0, prefillSeqs: 0});
	t.true(decode(1, 100) > 0.005 && decode(1, 100) < 0.01, `single decode ${decode(1, 100)}`);
	t.true(decode(128, 2000) > decode(128, 200));
	t.true(decode(256, 1000) > decode(16, 1000));
	const memory = planMemory(config);
	t.true(memory.ok);
});

test('frameworks differ: the same workload gives different figures per framework', t => {
	const arrivals = burst(64, 1024, 128);
	const results = (['vllm', 'sglang', 'tensorrt_llm'] as const).map(framework => {
		const argv = framework === 'sglang' ? ['--model-path', 'Qwen/Qwen3-8B'] : ['Qwen/Qwen3-8B'];
		const outcome = simulate(plan(framework, argv).config, arrivals);
		return {ttft: mean(outcome.ttftS), tput: outcome.outputTokensPerS};
	});
	t.is(new Set(results.map(r => r.tput.toFixed(3))).size, 3);
	t.is(new Set(results.map(r => r.ttft.toFixed(5))).size, 3);
});

test('deterministic for a seed, different across seeds', t => {
	const arrivals = burst(32, 700, 64);
	const a = simulate(plan('vllm', ['Qwen/Qwen3-8B']).config, arrivals);
	const b = simulate(plan('vllm', ['Qwen/Qwen3-8B']).config, arrivals);
	t.deepEqual(a, b);
	const other = parseWorld('{"seed": 7}');
	const c = simulate(plan('vllm', ['Qwen/Qwen3-8B'], other).config, arrivals);
	t.not(a.makespanS, c.makespanS);
});

test('preemption when KV runs out (vLLM) and none under guaranteed reservation (TRT-LLM)', t => {
	const arrivals = burst(64, 512, 512);
	const vllm = simulate(plan('vllm', ['Qwen/Qwen3-8B']).config, arrivals, 20_000);
	t.true(vllm.preemptions > 0);
	const trt = simulate(plan('tensorrt_llm', ['Qwen/Qwen3-8B']).config, arrivals, 20_000);
	t.is(trt.preemptions, 0);
	t.true(trt.maxRunningSeen <= Math.floor(20_000 / 1024));
});
