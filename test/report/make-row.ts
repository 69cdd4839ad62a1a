import type {ResultRow} from '../../source/results/result-row.js';

type Overrides = Partial<Omit<ResultRow, 'metrics' | 'workload' | 'sla'>> & {
	metrics?: Partial<NonNullable<ResultRow['metrics']>> | null;
	workload?: Partial<ResultRow['workload']>;
	sla?: Record<string, unknown> | null;
};

export const sla = {max_p99_ttft_ms: 2000, max_p99_tpot_ms: 80, min_success_rate: 0.99};

/** A passing steady-state row for tests; override only what a test is about. */
export function makeRow(overrides: Overrides = {}): ResultRow {
	const {metrics, workload, sla: slaBlock, ...rest} = overrides;
	return {
		framework: 'vllm',
		candidate_id: 'vllm-00-baseline',
		status: 'ok',
		hardware: {gpu_model: 'NVIDIA H100 80GB HBM3', gpu_count: 4, visible_devices: '0,1,2,3'},
		workload: {scenario: 'chat', input_len: 1000, output_len: 1000, num_prompts: 80, request_rate: 4, load_mode: 'steady', ...workload},
		sla: slaBlock === undefined ? {...sla, passed: true} : slaBlock,
		metrics: metrics === null ? null : {request_throughput: 4, output_token_throughput: 4000, p99_ttft_ms: 500, p99_tpot_ms: 40, success_rate: 1, ...metrics},
		server_command: 'vllm serve Qwen/Qwen3-32B --tensor-parallel-size 4',
		benchmark_command: 'llm-bench-tui bench --base-url http://127.0.0.1:8000 --request-rate 4',
		...rest,
	} as ResultRow;
}
