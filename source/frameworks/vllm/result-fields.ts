import type {BenchSummary} from '../../bench/bench-types.js';
import {tpotMs} from '../../bench/metrics.js';
import {mean, percentile, std} from '../../bench/stats.js';

/**
 * The figures of a run under the field names `vllm bench serve --save-result` writes
 * (vllm/benchmarks/serve.py; reference/real/results/vllm-bench-serve-save-result.reconstructed.json),
 * so tools that read vLLM's result files read ours. Same figure, same name, same unit: durations
 * in seconds, latencies in ms, `request_rate` "inf" for a burst; token totals over successful
 * requests, as vLLM counts them. Per-request lists are left to --output-details.
 */
export type VllmResultContext = {
	readonly endpoint: '/v1/completions' | '/v1/chat/completions';
	readonly model: string;
	readonly tokenizer: string | null;
	readonly burstiness: number;
	readonly date: Date;
};

const pad = (n: number): string => String(n).padStart(2, '0');

function stats(target: Record<string, number | null>, name: string, values: number[], own: Readonly<Record<string, number | null>>, ours: string): void {
	// Our own aggregates where we have them (identical definitions), the rest from the records.
	target[`mean_${name}_ms`] = own[`mean_${ours}_ms`] ?? mean(values);
	target[`median_${name}_ms`] = own[`p50_${ours}_ms`] ?? percentile(values, 50);
	target[`std_${name}_ms`] = std(values);
	for (const p of [50, 90, 95, 99]) target[`p${p}_${name}_ms`] = own[`p${p}_${ours}_ms`] ?? percentile(values, p);
}

export function vllmResultFields(summary: BenchSummary, context: VllmResultContext): Record<string, unknown> {
	const ok = summary.records.filter(record => record.success);
	const backend = context.endpoint === '/v1/chat/completions' ? 'openai-chat' : 'openai';
	const d = context.date;
	const out: Record<string, unknown> = {
		date: `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`,
		endpoint_type: backend,
		backend,
		label: null,
		model_id: context.model,
		tokenizer_id: context.tokenizer ?? context.model,
		num_prompts: summary.numPrompts,
		request_rate: summary.requestRate === 'inf' ? 'inf' : summary.requestRate,
		burstiness: context.burstiness,
		max_concurrency: summary.maxConcurrency,
		duration: summary.durationS,
		completed: summary.completed,
		failed: summary.failed,
		total_input_tokens: ok.reduce((sum, record) => sum + (record.promptTokens ?? 0), 0),
		total_output_tokens: ok.reduce((sum, record) => sum + (record.outputTokens ?? 0), 0),
		request_throughput: summary.requestThroughput,
		request_goodput: summary.requestGoodput,
		output_throughput: summary.outputTokenThroughput,
		total_token_throughput: summary.totalTokenThroughput,
	};
	const latency: Record<string, number | null> = {};
	stats(
		latency,
		'ttft',
		ok.flatMap(record => (record.ttftMs === null ? [] : [record.ttftMs])),
		summary.latency,
		'ttft',
	);
	stats(
		latency,
		'tpot',
		ok.flatMap(record => {
			const tpot = tpotMs(record);
			return tpot === null ? [] : [tpot];
		}),
		summary.latency,
		'tpot',
	);
	stats(
		latency,
		'itl',
		ok.flatMap(record => record.itlMs),
		summary.latency,
		'itl',
	);
	stats(
		latency,
		'e2el',
		ok.flatMap(record => (record.e2eMs === null ? [] : [record.e2eMs])),
		summary.latency,
		'e2e',
	);
	return {...out, ...latency};
}
