import {Box, Text} from 'ink';
import type {ReportModel} from '../../report/build-report.js';
import {formatNumber, formatRate, frameworkLabel} from '../../report/format.js';
import type {TableRow} from './table-row.js';
import {TextTable} from './text-table.js';

const columns = ['#', 'framework', 'candidate', 'rate', 'req/s', 'out tok/s', 'p99 TTFT', 'p99 TPOT', 'GPUs'];

/**
 * Cross-framework comparison per scenario: each framework's winner, ranked. Frameworks without an
 * SLA-passing candidate are listed under the table with the reason.
 */
export function ComparisonTables({model, width}: {readonly model: ReportModel; readonly width: number}) {
	return (
		<Box flexDirection="column">
			<Text bold underline>
				Cross-framework best per scenario
			</Text>
			{model.comparisons.map(comparison => {
				const rows: TableRow[] = comparison.ranked.map(({rank, framework, entry}) => {
					const m = entry.row.metrics;
					return {
						'#': String(rank),
						framework: frameworkLabel(framework),
						candidate: entry.row.candidate_id,
						rate: formatRate(entry.row.workload.request_rate),
						'req/s': formatNumber(m?.[entry.throughputKey]),
						'out tok/s': formatNumber(m?.output_token_throughput, 0),
						'p99 TTFT': formatNumber(m?.p99_ttft_ms, 1),
						'p99 TPOT': formatNumber(m?.p99_tpot_ms),
						GPUs: formatNumber(entry.row.hardware?.gpu_count, 0),
					};
				});
				return (
					<Box key={comparison.scenario} flexDirection="column" marginTop={1}>
						<Text bold>{comparison.scenario}</Text>
						{rows.length > 0 ? <TextTable rows={rows} columns={columns} keep="candidate" optional={['framework']} width={width} /> : <Text color="red">no SLA-passing candidate in any framework</Text>}
						{comparison.without.map(item => (
							<Text key={item.framework} wrap="wrap" color="yellow">
								✘ {frameworkLabel(item.framework)}: {item.reason}
							</Text>
						))}
					</Box>
				);
			})}
		</Box>
	);
}
