import {Box, Text} from 'ink';
import type {ReportModel} from '../../report/build-report.js';
import {formatNumber, frameworkLabel} from '../../report/format.js';
import type {TableRow} from './table-row.js';
import {TextTable} from './text-table.js';
import {outcomeLabel} from '../../sla/verdict.js';

const columns = ['scenario', 'framework', 'candidate', 'status', 'SLA', 'req/s', 'out tok/s', 'p99 TTFT', 'p99 TPOT'];

/** Burst (request rate inf) throughput: its own table, never mixed with steady-state results. */
export function BurstTable({model, width}: {readonly model: ReportModel; readonly width: number}) {
	if (model.burst.length === 0) return null;
	const rows: TableRow[] = model.burst.map(entry => {
		const m = entry.row.metrics;
		return {
			scenario: entry.row.workload.scenario,
			framework: frameworkLabel(entry.row.framework),
			candidate: entry.row.candidate_id,
			status: entry.row.status,
			SLA: entry.row.status === 'ok' ? outcomeLabel(entry.sla.outcome) : 'n/a',
			'req/s': formatNumber(m?.request_throughput),
			'out tok/s': formatNumber(m?.output_token_throughput, 0),
			'p99 TTFT': formatNumber(m?.p99_ttft_ms, 1),
			'p99 TPOT': formatNumber(m?.p99_tpot_ms),
		};
	});
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold underline>
				Burst throughput (request rate inf) — not comparable with steady state
			</Text>
			<TextTable rows={rows} columns={columns} keep="candidate" optional={['framework']} width={width} />
		</Box>
	);
}
