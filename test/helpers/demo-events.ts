import type {EngineEvent, CandidateSummary} from '../../source/events.js';
import type {ResultRow, RowStatus} from '../../source/results/result-row.js';
import type {FrameworkName} from '../../source/frameworks/registry.js';
import type {BenchProgress} from '../../source/bench/bench-types.js';

/**
 * A plausible scripted run (two frameworks, two candidates each, one scenario) for TUI tests,
 * the ws tests and bench/tui.ts. Timestamps advance 100 ms per event from `t0`.
 */

export const demoCandidates: CandidateSummary[] = [
	{id: 'sglang-00-baseline', framework: 'sglang', command: 'python -m sglang.launch_server --model-path Qwen/Qwen3-8B --tp-size 1'},
	{
		id: 'sglang-01-chunked-prefill-size-8192',
		framework: 'sglang',
		command: 'python -m sglang.launch_server --model-path Qwen/Qwen3-8B --tp-size 1 --chunked-prefill-size 8192',
	},
	{id: 'vllm-00-baseline', framework: 'vllm', command: 'vllm serve Qwen/Qwen3-8B --tensor-parallel-size 1'},
	{id: 'vllm-01-max-num-seqs-128', framework: 'vllm', command: 'vllm serve Qwen/Qwen3-8B --tensor-parallel-size 1 --max-num-seqs 128'},
];

export function makeRow(candidateId: string, framework: FrameworkName, status: RowStatus, throughput: number | null, reason: string | null = null): ResultRow {
	return {
		run_id: 'demo-run',
		framework,
		framework_version: '0.0.sim',
		framework_commit: null,
		candidate_id: candidateId,
		model: 'Qwen/Qwen3-8B',
		status,
		failure_reason: reason,
		hardware: {gpu_model: 'Simulated H100', gpu_count: 1, visible_devices: '0', simulated: true},
		workload: {
			kind: 'random',
			scenario: 'chat',
			dataset_path: null,
			dataset_sha256: null,
			input_len: 1000,
			output_len: 200,
			num_prompts: 40,
			request_rate: 4,
			max_concurrency: null,
			endpoint: '/v1/chat/completions',
			load_mode: 'steady',
			synthetic: true,
		},
		sla: {max_p99_ttft_ms: 2000, max_p99_tpot_ms: 80, passed: status === 'ok'},
		metrics:
			throughput === null
				? null
				: ({
						request_throughput: throughput,
						request_goodput: null,
						output_token_throughput: throughput * 200,
						total_token_throughput: throughput * 1200,
						success_rate: 1,
						completed: 40,
						failed: 0,
						duration_s: 10,
						p50_ttft_ms: 120,
						p99_ttft_ms: 400,
						p50_tpot_ms: 20,
						p99_tpot_ms: 35,
					} as ResultRow['metrics']),
		qps_rounds: null,
		spec_decode: null,
		phase_metrics: null,
		cache: null,
		memory: null,
		normalization: null,
		flags: null,
		server_command: demoCandidates.find(c => c.id === candidateId)?.command ?? null,
		benchmark_command: null,
		validated_cli_flags: null,
		artifacts: {server_log: `runs/demo/${framework}/${candidateId}/server.log`, raw_result: null, server_help: null, benchmark_help: null},
	};
}

type Draft = EngineEvent extends infer E ? (E extends {t: number} ? Omit<E, 't'> : never) : never;

/** Everything up to and including plan-ready. */
export function preflightDrafts(): Draft[] {
	return [
		{
			type: 'run-started',
			runId: 'demo-run',
			runDir: 'runs/demo-run',
			planFile: 'configs/demo-plan.yaml',
			model: 'Qwen/Qwen3-8B',
			simulated: true,
			resumed: false,
		},
		{type: 'preflight-check', id: 'gpus', title: 'GPUs visible', status: 'running'},
		{type: 'preflight-check', id: 'gpus', title: 'GPUs visible', status: 'passed', detail: '1 × Simulated H100'},
		{
			type: 'preflight-check',
			id: 'help-vllm',
			title: 'vLLM help captured',
			status: 'warning',
			detail: 'flag --max-num-partial-prefills unknown',
			hint: 'did you mean --max-num-partial-prefill?',
		},
		{
			type: 'plan-ready',
			candidates: demoCandidates,
			scenarios: ['chat'],
			estimatedSeconds: 120,
			sla: {max_p99_ttft_ms: 2000, max_p99_tpot_ms: 80, min_success_rate: 0.99},
		},
	];
}

/** Round 1 passes (p99 TTFT 400 ms ≤ 2000); round 2 fails it (2400 ms) with two HTTP 503s. */
function liveProgress(done: number, round: number, rate: number): BenchProgress {
	const failed = round === 0 ? 0 : Math.floor(done / 20);
	return {
		completed: done - failed,
		failed,
		total: 40,
		inFlight: 4,
		elapsedMs: done * 250,
		p50TtftMs: 110 + round * 40,
		p50TpotMs: 18 + round * 6,
		requestThroughput: rate * 0.95,
		outputTokenThroughput: rate * 190,
		latency: {p50_ttft_ms: 110 + round * 40, p99_ttft_ms: round === 0 ? 400 : 2400, p50_tpot_ms: 18 + round * 6, p99_tpot_ms: 30 + round * 10},
		errors: failed > 0 ? {'HTTP 503': failed} : {},
	};
}

function candidateDrafts(c: CandidateSummary, index: number, total: number, outcome: 'ok' | 'oom'): Draft[] {
	const drafts: Draft[] = [
		{type: 'candidate-started', candidateId: c.id, framework: c.framework, index, total, command: c.command},
		{type: 'server-phase', candidateId: c.id, phase: 'loading'},
		{type: 'server-log', candidateId: c.id, lines: ['INFO loading weights', 'INFO KV cache 60 GiB']},
		{type: 'gpu-sampled', gpus: [{index: 0, name: 'Simulated H100', memoryUsedMiB: 40_000, memoryTotalMiB: 81_559, utilizationPct: 10}]},
	];
	if (outcome === 'oom') {
		drafts.push(
			{type: 'server-log', candidateId: c.id, lines: ['torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB']},
			{type: 'server-phase', candidateId: c.id, phase: 'failed', detail: 'CUDA out of memory'},
			{type: 'row-recorded', row: makeRow(c.id, c.framework, 'oom', null, 'CUDA out of memory while loading')},
			{type: 'candidate-finished', candidateId: c.id, framework: c.framework, status: 'oom', reason: 'CUDA out of memory while loading'},
		);
		return drafts;
	}

	drafts.push({type: 'server-phase', candidateId: c.id, phase: 'ready'});
	const rates = [2, 4];
	rates.forEach((rate, round) => {
		drafts.push({type: 'bench-started', candidateId: c.id, scenario: 'chat', requestRate: rate, maxConcurrency: null, round: round + 1, numPrompts: 40});
		for (let done = 10; done <= 40; done += 10) {
			drafts.push(
				{type: 'bench-progress', candidateId: c.id, scenario: 'chat', progress: liveProgress(done, round, rate)},
				{type: 'gpu-sampled', gpus: [{index: 0, name: 'Simulated H100', memoryUsedMiB: 70_000, memoryTotalMiB: 81_559, utilizationPct: 50 + done}]},
			);
		}

		drafts.push({
			type: 'qps-round-finished',
			candidateId: c.id,
			scenario: 'chat',
			maxConcurrency: null,
			round: round + 1,
			requestRate: rate,
			passed: round === 0,
			reason: round === 0 ? undefined : 'p99 TTFT 2400 ms > 2000 ms',
		});
	});
	drafts.push(
		{type: 'row-recorded', row: makeRow(c.id, c.framework, 'ok', 2 + index / 10)},
		{type: 'server-phase', candidateId: c.id, phase: 'stopped'},
		{type: 'candidate-finished', candidateId: c.id, framework: c.framework, status: 'ok'},
	);
	return drafts;
}

/** The whole run; the second vLLM candidate runs out of memory. */
export function demoEvents(t0 = 1_700_000_000_000): EngineEvent[] {
	const drafts: Draft[] = [...preflightDrafts()];
	const total = demoCandidates.length;
	let current: FrameworkName | null = null;
	demoCandidates.forEach((c, index) => {
		if (c.framework !== current) {
			if (current) drafts.push({type: 'framework-finished', framework: current});
			current = c.framework;
			drafts.push({type: 'framework-started', framework: c.framework, version: '0.0.sim'});
		}

		drafts.push(...candidateDrafts(c, index, total, index === 3 ? 'oom' : 'ok'));
	});
	if (current) drafts.push({type: 'framework-finished', framework: current});
	drafts.push({
		type: 'run-finished',
		runDir: 'runs/demo-run',
		summaryPath: 'runs/demo-run/summary.md',
		winners: [
			{framework: 'sglang', scenario: 'chat', candidateId: 'sglang-01-chunked-prefill-size-8192'},
			{framework: 'vllm', scenario: 'chat', candidateId: 'vllm-00-baseline'},
		],
		cost: {gpu_seconds: 2712.4, servers_launched: 4, clock: 'simulated'},
	});
	return stamp(drafts, t0);
}

export function stamp(drafts: readonly Draft[], t0 = 1_700_000_000_000): EngineEvent[] {
	return drafts.map((draft, i) => ({...draft, t: t0 + i * 100}) as EngineEvent);
}
