import type {ReportModel} from './build-report.js';
import {frameworkLabel, missing} from './format.js';
import {codeBlock, inlineCode, markdownTable} from './markdown-table.js';
import {reportArtifacts} from './report-artifacts.js';
import {ranOnLine} from './ran-on.js';
import {costLine, costTable} from './run-cost.js';
import {
	bestByFrameworkTables,
	burstTable,
	crossFrameworkTables,
	failedTable,
	versionsTable,
	workloadTable,
	type Cell,
	type TableSpec,
} from './report-tables.js';

/** The markdown report, docs/ranking.md sections 1–7 in order. Pure: model in, text out. */

export const failedTableSentence =
	'This table is the record of tried configurations that were not selected: candidates that failed, were skipped by policy or by the operator, completed but missed the SLA, or passed and were outranked. Each reason says what to do next (retry, lower concurrency or memory, fix a flag, or nothing).';

const cellText = (cell: Cell): string => (typeof cell === 'string' ? cell : inlineCode(cell.code));

function table(spec: TableSpec, level = '###'): string {
	const body =
		spec.rows.length > 0
			? markdownTable(
					spec.headers,
					spec.rows.map(row => row.map(cellText)),
				)
			: '_none_';
	const note = spec.note
		? `\n\n${spec.note
				.split('\n')
				.map(line => `> ${line}`)
				.join('\n')}`
		: '';
	return `${level} ${spec.title}\n\n${body}${note}`;
}

function header(model: ReportModel): string[] {
	const lines = ['# LLM serving benchmark report', ''];
	if (model.simulated) {
		lines.push('> **SIMULATED — figures are plausible, not real.** These rows come from the simulated GPU box; no real GPU or framework produced them.', '');
	}

	const hw = model.context.hardware;
	const rowHw = model.ranked.find(entry => entry.row.hardware)?.row.hardware;
	const gpu = hw?.gpu_model ?? rowHw?.gpu_model ?? missing;
	const count = hw?.gpu_count ?? rowHw?.gpu_count;
	const extras = [hw?.driver_version && `driver ${hw.driver_version}`, hw?.cuda_version && `CUDA ${hw.cuda_version}`].filter(Boolean).join(', ');
	lines.push(
		`- Model: ${model.model ?? missing}`,
		`- Hardware: ${gpu}${typeof count === 'number' ? ` × ${count}` : ''}${(hw?.visible_devices ?? rowHw?.visible_devices) ? ` (GPUs ${hw?.visible_devices ?? rowHw?.visible_devices})` : ''}${extras ? `; ${extras}` : ''}`,
	);
	const ranOn = ranOnLine(model.ranked.map(entry => entry.row));
	if (ranOn) lines.push(`- Ran on: ${ranOn}`);
	if (model.context.run_id) lines.push(`- Run: ${model.context.run_id}`);
	if (model.cost) lines.push(`- Cost: ${costLine(model.cost)}`);
	const qps = model.context.workload?.qps;
	if (qps)
		lines.push(
			`- QPS search: bisection in [${qps.lower ?? '?'}, ${qps.upper ?? '?'}] req/s, tolerance ${qps.tolerance ?? '?'}, at most ${qps.max_rounds ?? '?'} rounds`,
		);
	return lines;
}

function winnerCommands(model: ReportModel): string {
	if (model.winners.length === 0) return '_No candidate passed the SLA, so there is no command to deploy._';
	return model.winners
		.map(w => {
			const row = w.entry.row;
			return [
				`### ${w.scenario} — ${frameworkLabel(w.framework)} (rank ${w.rank}): ${w.candidateId}`,
				'',
				...(row.where ? [`Ran on: ${row.where}`, ''] : []),
				...(row.deploy_command ? ['Deploy (the command to paste):', '', codeBlock(row.deploy_command), ''] : []),
				row.deploy_command ? 'Launched for these figures:' : 'Launch:',
				'',
				codeBlock(row.server_command ?? '# launch command not recorded'),
				'',
				...(row.commands_note ? [`_${row.commands_note}_`, ''] : []),
				'Benchmark:',
				'',
				codeBlock(row.benchmark_command ?? '# benchmark command not recorded'),
			].join('\n');
		})
		.join('\n\n');
}

export function renderMarkdown(model: ReportModel): string {
	const burst = burstTable(model);
	const sections = [
		header(model).join('\n'),
		`## 1. Workload, SLA, hardware and versions\n\n${table(workloadTable(model))}\n\n${table(versionsTable(model))}${model.cost && model.cost.candidates.length > 0 ? `\n\n${table(costTable(model.cost))}` : ''}`,
		`## 2. Best Commands By Framework\n\n${bestByFrameworkTables(model)
			.map(spec => table(spec))
			.join('\n\n')}`,
		`## 3. Cross-Framework Best Comparison\n\n${crossFrameworkTables(model)
			.map(spec => table(spec))
			.join('\n\n')}${burst ? `\n\n${table(burst)}` : ''}`,
		`## 4. Failed Or SLA-Failing Candidates\n\n${failedTableSentence}\n\n${table(failedTable(model)).replace(/^### .*\n\n/, '')}`,
		`## 5. Winner Launch And Benchmark Commands\n\n${winnerCommands(model)}`,
		`## 6. Artifacts\n\n${
			reportArtifacts(model)
				.map(a => `- ${a.label}: \`${a.path}\``)
				.join('\n') || '_none recorded_'
		}`,
		`## 7. Caveats\n\n${model.caveats.map(text => `- ${text}`).join('\n') || '- none'}`,
	];
	return `${sections.join('\n\n')}\n`;
}
