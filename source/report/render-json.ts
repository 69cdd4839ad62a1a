import type {ReportModel} from './build-report.js';
import {reportArtifacts} from './report-artifacts.js';
import {bestByFrameworkTables, burstTable, crossFrameworkTables, failedTable, type Cell, type TableSpec} from './report-tables.js';

/**
 * summary.json: `winners` ({framework, scenario, candidate_id, rank}) first, as docs/ranking.md fixes,
 * then the same tables the markdown shows (as data), the caveats and the artifact paths.
 */

const plain = (cell: Cell): string => (typeof cell === 'string' ? cell : cell.code);

function tableJson(spec: TableSpec) {
	return {
		title: spec.title,
		rows: spec.rows.map(row => Object.fromEntries(spec.headers.map((header, index) => [header, plain(row[index] ?? '')]))),
		...(spec.note ? {note: spec.note} : {}),
	};
}

export function reportJson(model: ReportModel) {
	const burst = burstTable(model);
	return {
		winners: model.winners.map(w => ({framework: w.framework, scenario: w.scenario, candidate_id: w.candidateId, rank: w.rank})),
		simulated: model.simulated,
		model: model.model,
		sla: model.sla,
		winner_load_mode: model.winnerClass,
		best_by_framework: bestByFrameworkTables(model).map(spec => tableJson(spec)),
		cross_framework: crossFrameworkTables(model).map(spec => tableJson(spec)),
		burst: burst ? tableJson(burst) : null,
		not_selected: model.notSelected.map(({entry, reason}) => ({
			framework: entry.row.framework,
			scenario: entry.row.workload.scenario,
			load: entry.loadClass,
			candidate_id: entry.row.candidate_id,
			status: entry.row.status,
			sla_passed: entry.row.status === 'ok' ? entry.sla.passed : null,
			reason,
			server_log: entry.row.artifacts?.server_log ?? null,
		})),
		winner_commands: model.winners.map(w => ({
			framework: w.framework,
			scenario: w.scenario,
			candidate_id: w.candidateId,
			server_command: w.entry.row.server_command ?? null,
			benchmark_command: w.entry.row.benchmark_command ?? null,
		})),
		caveats: model.caveats,
		artifacts: reportArtifacts(model),
		failed_table: tableJson(failedTable(model)),
	};
}

export function renderJson(model: ReportModel): string {
	return `${JSON.stringify(reportJson(model), null, '\t')}\n`;
}
