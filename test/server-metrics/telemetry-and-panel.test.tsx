import test from 'ava';
import {render} from 'ink-testing-library';
import {parseGpuCsv} from '../../source/engine/gpu-query.js';
import {initialState, reduce} from '../../source/engine/reduce.js';
import type {EngineEvent} from '../../source/events.js';
import {summarizeGpuTelemetry} from '../../source/server-metrics/gpu-telemetry.js';
import {EngineEventSchema} from '../../source/remote/event-schema.js';
import {nvidiaSmi} from '../../source/sim/cli/nvidia-smi-main.js';
import * as v from 'valibot';
import {ServerMetricsPanel} from '../../source/ui/live/server-metrics-panel.js';

test('the poller\'s nvidia-smi line: power, temperature and SM clock; [N/A] and [Not Supported] are null, not 0', t => {
	const [busy, mig] = parseGpuCsv('0, NVIDIA H200, GPU-aaa, 105851, 143771, 100, 570.1, 612.48, 71, 1755\n1, NVIDIA A800-SXM4-80GB, GPU-bbb, 36537, 81920, [N/A], 535.86.10, [Not Supported], 33, [N/A]\n');
	t.like(busy, {utilizationPct: 100, powerW: 612.48, temperatureC: 71, smClockMHz: 1755});
	t.like(mig, {powerW: null, temperatureC: 33, smClockMHz: null});
});

test('the simulated nvidia-smi answers the poller\'s fields in the real format (clocks.sm prints as clocks.current.sm)', t => {
	const env = {LLM_BENCH_SIM_WORLD: JSON.stringify({gpu_model: 'H100-80GB', gpu_count: 1}), LLM_BENCH_SIM_STATE: '/nonexistent-sim-state'};
	const out = nvidiaSmi(['--query-gpu=index,power.draw,temperature.gpu,clocks.sm', '--format=csv'], env);
	t.regex(out.stdout, /^index, power\.draw \[W\], temperature\.gpu, clocks\.current\.sm \[MHz\]\n0, \d+\.\d\d W, \d+, \d+ MHz\n$/);
	const bare = nvidiaSmi(['--query-gpu=power.draw,clocks.current.sm', '--format=csv,noheader,nounits'], env);
	t.regex(bare.stdout, /^\d+\.\d\d, 345\n$/);
});

test('energy per output token: mean board power summed over the GPUs in the steady window ÷ output tokens/s', t => {
	const gpu = (index: number, powerW: number) => ({index, name: 'H100', memoryUsedMiB: 70_000 + index, memoryTotalMiB: 81_559, utilizationPct: 90, powerW, temperatureC: 60, smClockMHz: 1900});
	const samples = [
		{t: 1000, gpus: [gpu(0, 100), gpu(1, 100)]}, // ramp-up: outside the window
		{t: 2000, gpus: [gpu(0, 600), gpu(1, 400)]},
		{t: 3000, gpus: [gpu(0, 700), gpu(1, 500)]},
	];
	const block = summarizeGpuTelemetry(samples, {from: 1500, to: 3500}, 2000);
	t.like(block, {power_mean_w: 1100, energy_per_output_token_j: 0.55, window: 'steady', samples: 2, memory_peak_mib: 70_001});
	// No reading inside the window: the whole round, and it says so.
	t.like(summarizeGpuTelemetry(samples, {from: 5000, to: 6000}, 2000), {window: 'round', samples: 3});
	t.is(summarizeGpuTelemetry([], {from: null, to: null}, 2000), null);
	t.is(summarizeGpuTelemetry([{t: 1, gpus: [{...gpu(0, 1), powerW: null}]}], {from: null, to: null}, 2000)?.energy_per_output_token_j, null);
});

test('server-metrics events fold into short histories of the active candidate; the panel shows them, n/a where not exported', t => {
	const event = (candidateId: string, running: number, waiting: number, kv: number | null, preemptions: number | null, t0: number): EngineEvent => ({type: 'server-metrics', t: t0, candidateId, scenario: 'chat', reading: {running, waiting, kvCacheUsage: kv, preemptions}});
	let state = initialState;
	for (const [i, waiting] of [0, 2, 5, 9].entries()) state = reduce(state, event('vllm-00', 8, waiting, 0.5 + i * 0.1, 3, i));
	t.deepEqual(state.serverMetrics?.waiting, [0, 2, 5, 9]);
	t.is(state.serverMetrics?.preemptions, 3);
	const panel = render(<ServerMetricsPanel metrics={state.serverMetrics} candidateId="vllm-00" />);
	t.regex(panel.lastFrame() ?? '', /Server metrics running .+ 8 {2}waiting .+ 9 {2}KV .+ 80% {2}preemptions 3/);
	// Another candidate's readings replace the history; TensorRT-LLM exports no preemption count.
	state = reduce(state, event('tensorrt_llm-00', 2, 0, null, null, 9));
	t.deepEqual(state.serverMetrics?.running, [2]);
	t.is(state.serverMetrics?.kvCacheUsage.length, 0);
	const trt = render(<ServerMetricsPanel metrics={state.serverMetrics} candidateId="tensorrt_llm-00" />);
	t.regex(trt.lastFrame() ?? '', /KV +n\/a {2}preemptions n\/a/);
	t.regex(render(<ServerMetricsPanel metrics={state.serverMetrics} candidateId="sglang-01" />).lastFrame() ?? '', /no readings yet/);
});

test('the ws viewer accepts server-metrics events and the new GPU fields, and refuses a malformed reading', t => {
	const ok = {type: 'server-metrics', t: 1, candidateId: 'sglang-00', scenario: 'chat', reading: {running: 3, waiting: 1, kvCacheUsage: 0.2, preemptions: null}};
	t.true(v.safeParse(EngineEventSchema, ok).success);
	t.false(v.safeParse(EngineEventSchema, {...ok, reading: {running: '3'}}).success);
	t.true(v.safeParse(EngineEventSchema, {type: 'gpu-sampled', t: 1, gpus: [{index: 0, name: 'H100', memoryUsedMiB: 1, memoryTotalMiB: 2, utilizationPct: 3, powerW: 400.5, temperatureC: 60, smClockMHz: null}]}).success);
});
