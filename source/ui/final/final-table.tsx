import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {statusColor} from '../theme.js';
import {formatNumber, truncate} from '../format.js';

/** One line per result row: candidate, scenario, status, SLA, throughput and tail latencies. */
export function FinalTable({state, width}: {readonly state: RunState; readonly width: number}) {
	const idWidth = Math.max(20, width - 64);
	const header = `${'candidate'.padEnd(idWidth)} ${'scenario'.padEnd(10)} ${'status'.padEnd(8)} ${'SLA'.padEnd(5)} ${'req/s'.padStart(7)} ${'tok/s'.padStart(8)} ${'p99 TTFT'.padStart(9)} ${'p99 TPOT'.padStart(9)}`;
	const skippedWithoutRow = state.candidates.filter(c => (c.status === 'skipped' || c.status === 'failed') && !state.rows.some(r => r.candidate_id === c.id));
	return (
		<Box flexDirection="column">
			<Text bold>{truncate(header, width)}</Text>
			{state.rows.map((row, i) => {
				const m = row.metrics;
				const sla = row.sla?.passed === true || row.sla?.passed === 'true' ? 'pass' : row.status === 'ok' ? 'fail' : '—';
				return (
					<Text key={i} wrap="truncate">
						{truncate(row.candidate_id, idWidth).padEnd(idWidth)} {truncate(row.workload.scenario, 10).padEnd(10)}{' '}
						<Text color={statusColor[row.status]}>{row.status.padEnd(8)}</Text> <Text color={sla === 'pass' ? 'green' : sla === 'fail' ? 'red' : undefined}>{sla.padEnd(5)}</Text>{' '}
						{formatNumber(m?.request_throughput, 2).padStart(7)} {formatNumber(m?.output_token_throughput, 0).padStart(8)} {formatNumber(m?.p99_ttft_ms, 0).padStart(9)}{' '}
						{formatNumber(m?.p99_tpot_ms, 1).padStart(9)}
					</Text>
				);
			})}
			{skippedWithoutRow.map(c => (
				<Text key={c.id} wrap="truncate">
					{truncate(c.id, idWidth).padEnd(idWidth)} {'—'.padEnd(10)} <Text color={statusColor[c.status]}>{c.status.padEnd(8)}</Text> <Text dimColor>{c.reason ?? ''}</Text>
				</Text>
			))}
			{state.rows.filter(r => r.failure_reason).map((row, i) => (
				<Text key={`reason-${i}`} dimColor wrap="truncate">
					{row.candidate_id}: {row.failure_reason}
				</Text>
			))}
		</Box>
	);
}
