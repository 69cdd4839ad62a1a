import type {ReportModel} from './build-report.js';
import {describeSla} from '../sla/grammar.js';
import {outcomeLabel} from '../sla/verdict.js';
import {crossTieText, evidenceCell, figureText} from './evidence-text.js';
import {formatNumber, formatRate, frameworkLabel, metricColumns, missing} from './format.js';
import type {RankedRow} from './rank.js';

/**
 * The report's tables as plain data (title, headers, cells), rendered by the markdown and HTML
 * writers and carried in the JSON. A `{code}` cell is a command: shown in full, in code style.
 */

export type Cell = string | {readonly code: string};
export type TableSpec = {readonly title: string; readonly headers: readonly string[]; readonly rows: ReadonlyArray<readonly Cell[]>; readonly note?: string};

const command = (text: string | null | undefined): Cell => (text ? {code: text} : missing);

function slaCell(entry: RankedRow): string {
	if (entry.row.status !== 'ok') return 'n/a';
	return outcomeLabel(entry.sla.outcome);
}

function loadCell(entry: RankedRow): string {
	const w = entry.row.workload;
	const conc = typeof w.max_concurrency === 'number' ? ` (conc ${w.max_concurrency})` : '';
	return `${formatRate(w.request_rate)}${conc}`;
}

function artifactsCell(entry: RankedRow): string {
	const a = entry.row.artifacts;
	return [a?.server_log, a?.raw_result].filter(Boolean).join(', ') || missing;
}

const metricCells = (entry: RankedRow): string[] => metricColumns.map(c => formatNumber(entry.row.metrics?.[c.key], c.digits));
const gpus = (entry: RankedRow): string => formatNumber(entry.row.hardware?.gpu_count, 0);

export function bestByFrameworkTables(model: ReportModel): TableSpec[] {
	const headers = [
		'scenario',
		'best candidate',
		'SLA',
		'margin ± 95 % interval; ties',
		'deciding figure',
		'rate req/s',
		...metricColumns.map(c => c.label),
		'GPUs',
		'server command',
		'artifacts',
	];
	return model.frameworks.map(framework => {
		const rows: Cell[][] = [];
		for (const comparison of model.comparisons) {
			const found = comparison.ranked.find(item => item.framework === framework);
			const without = comparison.without.find(item => item.framework === framework);
			if (found) {
				const e = found.entry;
				const winner = model.winners.find(w => w.entry === e);
				rows.push([
					comparison.scenario,
					e.row.candidate_id,
					slaCell(e),
					winner ? evidenceCell(winner) : missing,
					winner ? figureText(winner) : missing,
					loadCell(e),
					...metricCells(e),
					gpus(e),
					command(e.row.server_command),
					artifactsCell(e),
				]);
			} else if (without) {
				rows.push([comparison.scenario, `none — ${without.reason}`, 'FAIL', ...headers.slice(3).map(() => missing)]);
			}
		}

		const version = model.context.frameworks?.[framework]?.version ?? model.ranked.find(e => e.row.framework === framework)?.row.framework_version;
		return {title: `${frameworkLabel(framework)}${version ? ` ${version}` : ''}`, headers, rows};
	});
}

export function crossFrameworkTables(model: ReportModel): TableSpec[] {
	const headers = [
		'rank',
		'framework',
		'candidate',
		'rate req/s',
		'req/s',
		'goodput req/s',
		'out tok/s',
		'p99 TTFT ms',
		'p99 TPOT ms',
		'GPUs',
		'server command',
	];
	return model.comparisons.map(comparison => ({
		title: `${comparison.scenario} — ${comparison.loadClass === 'steady' ? 'steady state: highest SLA-passing fixed QPS' : 'burst (request rate inf)'}`,
		headers,
		rows: comparison.ranked.map(({rank, framework, entry: e}) => {
			const m = e.row.metrics;
			return [
				String(rank),
				frameworkLabel(framework),
				e.row.candidate_id,
				loadCell(e),
				formatNumber(m?.request_throughput),
				formatNumber(m?.request_goodput),
				formatNumber(m?.output_token_throughput, 0),
				formatNumber(m?.p99_ttft_ms, 1),
				formatNumber(m?.p99_tpot_ms),
				gpus(e),
				command(e.row.server_command),
			];
		}),
		note:
			[crossTieText(comparison, model.winners), ...comparison.without.map(item => `${frameworkLabel(item.framework)}: ${item.reason}`)]
				.filter(Boolean)
				.join('\n') || undefined,
	}));
}

export function burstTable(model: ReportModel): TableSpec | null {
	if (model.burst.length === 0) return null;
	const headers = ['scenario', 'framework', 'candidate', 'status', 'SLA', 'req/s', 'out tok/s', 'p50 TTFT ms', 'p99 TTFT ms', 'p99 TPOT ms', 'GPUs'];
	return {
		title: 'Burst throughput (request rate inf) — not comparable with steady-state rows',
		headers,
		rows: model.burst.map(e => {
			const m = e.row.metrics;
			return [
				e.row.workload.scenario,
				frameworkLabel(e.row.framework),
				e.row.candidate_id,
				e.row.status,
				slaCell(e),
				formatNumber(m?.request_throughput),
				formatNumber(m?.output_token_throughput, 0),
				formatNumber(m?.p50_ttft_ms, 1),
				formatNumber(m?.p99_ttft_ms, 1),
				formatNumber(m?.p99_tpot_ms),
				gpus(e),
			];
		}),
	};
}

export function failedTable(model: ReportModel): TableSpec {
	return {
		title: 'Failed Or SLA-Failing Candidates',
		headers: ['framework', 'scenario', 'load', 'candidate', 'status', 'SLA', 'req/s', 'reason', 'server log'],
		rows: model.notSelected.map(({entry: e, reason}) => [
			frameworkLabel(e.row.framework),
			e.row.workload.scenario,
			e.loadClass,
			e.row.candidate_id,
			e.row.status,
			slaCell(e),
			formatNumber(e.row.metrics?.request_throughput),
			reason,
			e.row.artifacts?.server_log ?? missing,
		]),
	};
}

export function workloadTable(model: ReportModel): TableSpec {
	const declared = model.context.workload?.scenarios ?? [];
	const rows = model.scenarios.map(name => {
		const row = model.ranked.find(e => e.row.workload.scenario === name)?.row.workload;
		const spec = declared.find(s => s.name === name);
		const input = spec?.input_len ?? row?.input_len;
		const output = spec?.output_len ?? row?.output_len;
		return [
			name,
			formatNumber(input, 0),
			formatNumber(output, 0),
			formatNumber(row?.num_prompts ?? model.context.workload?.num_prompts, 0),
			row?.kind ?? model.context.workload?.kind ?? missing,
			row?.endpoint ?? model.context.workload?.endpoint ?? missing,
			row?.dataset_sha256?.slice(0, 12) ?? missing,
		];
	});
	return {
		title: 'Scenarios',
		headers: ['scenario', 'input len', 'output len', 'prompts', 'dataset', 'endpoint', 'workload sha256'],
		rows,
		note: `SLA: ${describeSla(model.sla)}`,
	};
}

export function versionsTable(model: ReportModel): TableSpec {
	const rows = model.frameworks.map(framework => {
		const ctx = model.context.frameworks?.[framework];
		const row = model.ranked.find(e => e.row.framework === framework)?.row;
		return [
			frameworkLabel(framework),
			ctx?.version ?? row?.framework_version ?? missing,
			ctx?.commit ?? row?.framework_commit ?? missing,
			ctx?.image ?? ctx?.python_env ?? missing,
		];
	});
	return {title: 'Framework versions', headers: ['framework', 'version', 'git commit', 'image or env'], rows};
}
