import type {ReportModel} from './build-report.js';
import {metricColumns} from './format.js';
import type {RankedRow} from './rank.js';
import {evidenceCell} from './evidence-text.js';
import {figureOf} from './tie-order.js';

/**
 * summary.csv: one line per candidate × scenario (× load, × concurrency), ranked. `rank` is the
 * position within framework × scenario × load; `winner_rank` is the cross-framework rank of a winner.
 * Numbers are raw (not rounded) so the CSV is the one to load into a spreadsheet.
 */

const headers = [
	'load',
	'scenario',
	'framework',
	'rank',
	'winner',
	'winner_rank',
	'candidate_id',
	'status',
	'sla_passed',
	'sla_failures',
	'failure_reason',
	'request_rate',
	'max_concurrency',
	...metricColumns.map(c => c.key),
	'gpu_count',
	'gpu_model',
	'framework_version',
	'server_command',
	'benchmark_command',
	'server_log',
	'raw_result',
	'sla_verdict',
	'deciding_figure',
	'deciding_value',
	'deciding_lower',
	'deciding_upper',
	'samples',
	'tied_with',
	'margin',
	'margin_lower',
	'margin_upper',
	'margin_over',
	'evidence',
	'qps_bracket_passed',
	'qps_bracket_failed',
	'qps_converged',
	'achieved_ratio',
	'per_request_records',
] as const;

export function csvField(value: unknown): string {
	if (value === null || value === undefined) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function line(entry: RankedRow, model: ReportModel): unknown[] {
	const {row} = entry;
	const winner = model.winners.find(w => w.entry === entry);
	const figure = figureOf(entry);
	return [
		entry.loadClass,
		row.workload.scenario,
		row.framework,
		entry.rank,
		winner ? 'yes' : 'no',
		winner?.rank,
		row.candidate_id,
		row.status,
		row.status === 'ok' ? entry.sla.passed : '',
		entry.sla.failures.join('; '),
		row.failure_reason,
		row.workload.request_rate,
		row.workload.max_concurrency,
		...metricColumns.map(c => row.metrics?.[c.key]),
		row.hardware?.gpu_count,
		row.hardware?.gpu_model,
		row.framework_version,
		row.server_command,
		row.benchmark_command,
		row.artifacts?.server_log,
		row.artifacts?.raw_result,
		row.status === 'ok' ? entry.sla.outcome : '',
		figure.key,
		figure.value,
		figure.lower,
		figure.upper,
		figure.samples,
		winner?.evidence.tiedWith.join(' '),
		winner?.evidence.margin?.value,
		winner?.evidence.margin?.lower,
		winner?.evidence.margin?.upper,
		winner?.evidence.margin?.runnerUp,
		winner ? evidenceCell(winner) : '',
		figure.bracket?.passedRate,
		figure.bracket?.failedRate,
		figure.bracket?.converged,
		row.statistics?.achieved_ratio,
		(row.statistics?.records ?? []).join(' '),
	];
}

export function renderCsv(model: ReportModel): string {
	const lines = [headers.join(','), ...model.ranked.map(entry => line(entry, model).map(csvField).join(','))];
	return `${lines.join('\r\n')}\r\n`;
}
