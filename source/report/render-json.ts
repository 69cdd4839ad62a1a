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
		winners: model.winners.map(w => ({
			framework: w.framework,
			scenario: w.scenario,
			candidate_id: w.candidateId,
			rank: w.rank,
			tied_with: [...w.evidence.tiedWith],
			samples: w.evidence.samples,
			ci: {
				figure: w.evidence.ci.figure,
				value: w.evidence.ci.value,
				lower: w.evidence.ci.lower,
				upper: w.evidence.ci.upper,
				confidence: w.evidence.ci.confidence,
				unit: w.evidence.ci.unit,
				bracket: w.evidence.ci.bracket
					? {passed_rate: w.evidence.ci.bracket.passedRate, failed_rate: w.evidence.ci.bracket.failedRate, converged: w.evidence.ci.bracket.converged}
					: null,
			},
			margin: w.evidence.margin
				? {
						runner_up: w.evidence.margin.runnerUp,
						value: w.evidence.margin.value,
						lower: w.evidence.margin.lower,
						upper: w.evidence.margin.upper,
						relative: w.evidence.margin.relative,
						distinguishable: w.evidence.margin.distinguishable,
						by: w.evidence.margin.by,
						text: w.evidence.margin.text,
					}
				: null,
			decided_by: w.evidence.decidedBy,
			note: w.evidence.note,
			cross_tied_with: [...w.evidence.crossTiedWith],
			per_request_records: [...(w.entry.row.statistics?.records ?? [])],
		})),
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
		cost: model.cost
			? {
					gpu_seconds: model.cost.gpu_seconds,
					servers_launched: model.cost.servers_launched,
					wall_seconds: model.cost.wall_seconds,
					clock: model.cost.clock,
					source: model.cost.source,
					candidates: model.cost.candidates,
				}
			: null,
		artifacts: reportArtifacts(model),
		failed_table: tableJson(failedTable(model)),
	};
}

export function renderJson(model: ReportModel): string {
	return `${JSON.stringify(reportJson(model), null, '\t')}\n`;
}
