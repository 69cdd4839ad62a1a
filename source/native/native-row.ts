import * as v from 'valibot';
import type {NativeResult} from './native-result.js';
import {MetricsSchema, ResultRowSchema, type ResultRow} from '../results/result-row.js';

/** One imported native result record as a normalized result row (docs/result-rows.md), validated. */
export type NativeRowContext = {
	readonly framework: string;
	readonly candidateId: string;
	readonly scenario: string;
	readonly file: string;
	readonly recordIndex: number;
	readonly source: string;
};

export function nativeRow(result: NativeResult, context: NativeRowContext): ResultRow {
	const metrics = Object.fromEntries(Object.keys(MetricsSchema.entries).map(key => [key, result.metrics[key] ?? null]));
	const completed = result.metrics.completed;
	const failed = completed === 0;
	return v.parse(ResultRowSchema, {
		run_id: null,
		framework: context.framework,
		framework_version: null,
		framework_commit: null,
		candidate_id: context.candidateId,
		model: result.model ?? null,
		status: failed ? 'failed' : 'ok',
		failure_reason: failed ? `the native ${context.source} client completed no request (record ${context.recordIndex + 1} of ${context.file})` : null,
		hardware: null,
		workload: {
			kind: result.datasetName ?? null,
			scenario: context.scenario,
			dataset_path: null,
			dataset_sha256: null,
			input_len: result.inputLen,
			output_len: result.outputLen,
			num_prompts: result.numPrompts,
			request_rate: result.requestRate,
			max_concurrency: result.maxConcurrency,
			endpoint: null,
			load_mode: result.requestRate === 'inf' ? 'burst' : 'steady',
			synthetic: null,
		},
		sla: null,
		metrics,
		normalization: {notes: [`imported from ${context.source} native benchmark result ${context.file}`]},
		server_command: null,
		benchmark_command: null,
		artifacts: {server_log: null, raw_result: context.file, server_help: null, benchmark_help: null},
	});
}
