import type {Candidate} from '../config/plan.js';
import {frameworkLabel} from '../frameworks/registry.js';
import type {ResultRow} from '../results/result-row.js';
import {buildRow, measurementNotesOf, type RowInput} from './build-row.js';
import type {RunningServer} from './launch-server.js';
import {check} from './preflight-check.js';
import {runBench} from './run-bench.js';
import type {RunContext} from './run-context.js';

/**
 * Seed Workflow 1, per framework, on the baseline's server: /v1/models answers, one streaming
 * request has a measurable TTFT, a tiny benchmark of 5 requests runs. The row is a flow check
 * (load_mode smoke), never a throughput comparison.
 */
export async function smokeTest(
	context: RunContext,
	candidate: Candidate,
	server: RunningServer,
	common: Pick<RowInput, 'serverCommand' | 'validatedServerFlags' | 'serverLog' | 'placement'>,
	signal: AbortSignal,
	record: (row: ResultRow) => void,
): Promise<void> {
	const scenario = context.plan.scenarios[0]!;
	const rowContext = context.frameworks.get(candidate.framework)!.rowContext;
	const label = frameworkLabel(candidate.framework);
	let row: RowInput | null = null;
	await check(context.bus, `smoke-${candidate.framework}`, `${label}: smoke (models endpoint, one streamed request, 5-request benchmark)`, async () => {
		let models: string;
		try {
			const headers: Record<string, string> = server.apiKey ? {authorization: `Bearer ${server.apiKey.reveal()}`} : {};
			const response = await fetch(`${server.baseUrl}/v1/models`, {headers, signal: AbortSignal.timeout(10_000)});
			models = `/v1/models ${response.status}`;
			if (response.status !== 200) return {status: 'failed', detail: models, hint: 'The server is up but does not serve the OpenAI API.'};
		} catch (error) {
			return {status: 'failed', detail: `/v1/models: ${(error as Error).message}`};
		}

		const one = await runBench(context, {
			candidate,
			server,
			scenario,
			requestRate: Number.POSITIVE_INFINITY,
			maxConcurrency: 1,
			round: null,
			label: 'smoke-stream',
			warmupRequests: 0,
			numPrompts: 1,
			signal,
			observe: false,
		});
		if (one.kind !== 'measured') return {status: 'warning', detail: `streaming request did not finish (${one.kind})`};
		const ttft = one.metrics.p50_ttft_ms;
		if (ttft === null || ttft === undefined)
			return {
				status: 'failed',
				detail: `${models}; TTFT not measurable: ${JSON.stringify(one.summary.errors)}`,
				hint: 'The streamed response carried no content chunk.',
			};
		const tiny = await runBench(context, {
			candidate,
			server,
			scenario,
			requestRate: Number.POSITIVE_INFINITY,
			maxConcurrency: null,
			round: null,
			label: 'smoke-5',
			warmupRequests: 0,
			numPrompts: 5,
			signal,
			observe: false,
		});
		if (tiny.kind !== 'measured') return {status: 'warning', detail: `tiny benchmark did not finish (${tiny.kind})`};
		const ok = tiny.summary.completed >= 5;
		row = {
			...common,
			candidate,
			scenario,
			maxConcurrency: null,
			loadMode: 'smoke',
			status: ok ? 'ok' : 'failed',
			failureReason: ok ? null : `smoke: ${tiny.summary.failed} of 5 requests failed`,
			requestRate: 'inf',
			numPrompts: 5,
			metrics: tiny.metrics,
			sla: null,
			rawResult: tiny.rawFile,
			measurementNotes: measurementNotesOf(tiny.summary),
		};
		const detail = `${models}; streamed TTFT ${Math.round(ttft)} ms; ${tiny.summary.completed}/5 requests ok`;
		return ok ? {status: 'passed', detail} : {status: 'failed', detail, hint: 'Read server.log; requests fail on a server that started.'};
	});
	if (row) record(buildRow(rowContext, row));
}
