import path from 'node:path';
import type {BenchOptions, BenchSummary} from '../bench/bench-types.js';
import {runBenchmark} from '../bench/run-benchmark.js';
import type {Plan, Scenario} from '../config/plan.js';
import type {ResultRow} from '../results/result-row.js';
import {materializeWorkload} from '../workload/materialize.js';
import {findFramework, frameworkAdapter} from '../frameworks/registry.js';
import {nativeDatasetPath} from './native-dataset.js';
import type {Endpoint, WorkloadRow} from '../results/workload-row.js';

export type WrittenSummary = {summaryPath: string | null; winners: Array<{framework: string; scenario: string; candidateId: string}>};
export type MaterializedWorkload = {rows: WorkloadRow[]; sha256: string; notes: string[]; synthetic: boolean};

/**
 * What the engine calls outside itself. Tests pass fakes here (no module mocking); the defaults are
 * the real load client, workload builder and report writer.
 */
export type EngineDeps = {
	readonly runBenchmark: (options: BenchOptions) => Promise<BenchSummary>;
	readonly materializeWorkload: (plan: Plan, scenario: Scenario) => Promise<MaterializedWorkload>;
	/** Writes summary.md (and friends); returns its path. */
	readonly writeSummary: (rows: readonly ResultRow[], context: Record<string, unknown>, runDir: string) => Promise<WrittenSummary>;
	/** The framework's native benchmark command for the same load (recorded in rows), if known. */
	readonly nativeBenchCommand: (framework: string, options: NativeCommandOptions) => Promise<string[] | null>;
	readonly env: Readonly<Record<string, string | undefined>>;
	/** nvidia-smi polling interval while a server runs. */
	readonly gpuPollMs: number;
	/** Grace between SIGTERM and SIGKILL when stopping a server. */
	readonly stopGraceMs: number;
	/** Stop a QPS round early once it saturates (default true; the bench turns it off to measure the saving). */
	readonly saturationStop?: boolean;
	/** The box's clock in seconds for cost accounting (default: wall, ÷ time_scale when simulated; cost-ledger.ts). */
	readonly boxClock?: () => number;
};

export type NativeCommandOptions = {
	baseUrl: string;
	model: string;
	tokenizer: string | null;
	endpoint: Endpoint;
	datasetPath: string | null;
	inputLen: number;
	outputLen: number;
	numPrompts: number;
	requestRate: number | 'inf';
	maxConcurrency: number | null;
	seed: number;
	resultFile: string;
	extraRequestBody: Readonly<Record<string, unknown>>;
};

export function defaultDeps(overrides: Partial<EngineDeps> = {}): EngineDeps {
	return {
		runBenchmark,
		materializeWorkload: async (plan, scenario) => materializeWorkload({plan, scenario}),
		writeSummary: async (rows, context, runDir) => {
			const {writeReport} = await import('../report/write-report.js');
			const file = (name: string) => path.join(runDir, name);
			const written = await writeReport(rows, context, {
				markdown: file('summary.md'),
				csv: file('summary.csv'),
				json: file('summary.json'),
				html: file('report.html'),
			});
			return {summaryPath: file('summary.md'), winners: written.winners.map(w => ({framework: w.framework, scenario: w.scenario, candidateId: w.candidateId}))};
		},
		nativeBenchCommand: async (framework, options) => {
			const name = findFramework(framework);
			const adapter = name ? frameworkAdapter(name).nativeBench : null;
			if (!adapter) return null;
			// The canonical workload, or the file derived from it that the client reads, or none (own prompts).
			const dataset = nativeDatasetPath(adapter, framework, options.datasetPath, options.endpoint);
			return [...adapter.renderCommand({...options, datasetPath: dataset.path, outputLen: dataset.outputLen ?? options.outputLen})];
		},
		env: process.env,
		gpuPollMs: 1500,
		stopGraceMs: 5000,
		...overrides,
	};
}
