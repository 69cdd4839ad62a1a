import {performance} from 'node:perf_hooks';
import {buildReport} from '../source/report/build-report.js';
import {renderCsv} from '../source/report/render-csv.js';
import {renderHtml} from '../source/report/render-html.js';
import {renderMarkdown} from '../source/report/render-markdown.js';
import type {ResultRow} from '../source/results/result-row.js';

/**
 * Report throughput on a large run: 3 frameworks × 4 scenarios × 100 candidates × (steady + burst),
 * each steady row with 5 QPS rounds — 2,400 rows. Goal: every form rendered in well under a second.
 */
function syntheticRows(): ResultRow[] {
	const rows: ResultRow[] = [];
	let seed = 7;
	const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	for (const framework of ['sglang', 'vllm', 'tensorrt_llm']) {
		for (const scenario of ['chat', 'summarization', 'code', 'long-context']) {
			for (let index = 0; index < 100; index++) {
				const throughput = 1 + random() * 9;
				const metrics = {
					request_throughput: throughput,
					output_token_throughput: throughput * 1000,
					p50_ttft_ms: 100 + random() * 500,
					p99_ttft_ms: 300 + random() * 2500,
					p50_tpot_ms: 20 + random() * 30,
					p99_tpot_ms: 30 + random() * 70,
					success_rate: 1,
				};
				const base = {
					framework,
					candidate_id: `${framework}-${String(index).padStart(2, '0')}-knob-${index}`,
					status: index % 17 === 0 ? 'oom' : 'ok',
					failure_reason: index % 17 === 0 ? 'CUDA out of memory' : null,
					hardware: {gpu_model: 'H100', gpu_count: 4},
					sla: {max_p99_ttft_ms: 2000, max_p99_tpot_ms: 80},
					metrics,
					server_command: `${framework} serve model --knob ${index}`,
					benchmark_command: 'llm-bench-tui bench',
				} as const;
				const rounds = [1, 12, 6.5, 9.25, 7.875].map(rate => ({
					request_rate: rate,
					passed: rate < throughput,
					request_throughput: Math.min(rate, throughput),
					p50_ttft_ms: 100 * rate,
					p99_ttft_ms: 250 * rate,
					p50_tpot_ms: 5 * rate,
					p99_tpot_ms: 8 * rate,
					output_token_throughput: 1000 * Math.min(rate, throughput),
					reason: null,
				}));
				rows.push({...base, workload: {scenario, request_rate: throughput, load_mode: 'steady'}, qps_rounds: rounds} as ResultRow);
				rows.push({...base, workload: {scenario, request_rate: 'inf', load_mode: 'burst'}} as ResultRow);
			}
		}
	}

	return rows;
}

export async function run(): Promise<Record<string, number | string>> {
	const rows = syntheticRows();
	const time = (fn: () => unknown) => {
		const start = performance.now();
		fn();
		return Number((performance.now() - start).toFixed(1));
	};

	let model = buildReport(rows);
	const figures = {
		rows: rows.length,
		build_model_ms: time(() => (model = buildReport(rows))),
		markdown_ms: time(() => renderMarkdown(model)),
		csv_ms: time(() => renderCsv(model)),
		html_ms: time(() => renderHtml(model)),
		html_kib: Math.round(renderHtml(model).length / 1024),
	};
	return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
