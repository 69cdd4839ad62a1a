import {Box, Text} from 'ink';
import type {CandidateState} from '../../engine/run-state.js';
import type {ResultRow} from '../../results/result-row.js';
import {formatNumber, formatRate} from '../../report/format.js';
import {LogLine} from '../components/log-line.js';
import {statusColor, statusGlyph} from '../theme.js';
import {wrapCommand} from '../results/wrap-command.js';
import type {CandidateFiles} from './use-candidate-files.js';
import {RoundChart} from '../live/round-chart.js';
import {shownStatistics} from '../live/sla-bounds.js';

function RowSummary({row, errors, sla, width}: {readonly row: ResultRow; readonly errors: Readonly<Record<string, number>> | undefined; readonly sla: Readonly<Record<string, number>>; readonly width: number}) {
	const statKey = shownStatistics(sla)[0]!.key;
	const m = row.metrics;
	const rounds = row.qps_rounds ?? [];
	const mode = row.workload.load_mode ?? 'steady';
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>
				{row.workload.scenario} · {mode}
				{row.workload.max_concurrency === null || row.workload.max_concurrency === undefined ? '' : ` · max concurrency ${row.workload.max_concurrency}`} · rate {formatRate(row.workload.request_rate)} ·{' '}
				<Text color={statusColor[row.status]}>{row.status}</Text>
				{row.sla ? <Text color={row.sla.passed === true ? 'green' : 'red'}> · SLA {row.sla.passed === true ? 'pass' : 'fail'}</Text> : null}
			</Text>
			{row.failure_reason ? <Text color="red" wrap="wrap">  {row.failure_reason}</Text> : null}
			{m ? (
				<Text wrap="wrap">
					{'  '}requests {formatNumber(m.completed, 0)} ok · {formatNumber(m.failed, 0)} failed · success {formatNumber(m.success_rate, 3)} · {formatNumber(m.request_throughput)} req/s
					{m.offered_request_rate === null || m.offered_request_rate === undefined ? '' : ` (offered ${formatNumber(m.offered_request_rate)})`} · TTFT p50 {formatNumber(m.p50_ttft_ms, 1)} / p99 {formatNumber(m.p99_ttft_ms, 1)} ms · TPOT p50 {formatNumber(m.p50_tpot_ms)} / p99 {formatNumber(m.p99_tpot_ms)} ms
				</Text>
			) : (
				<Text dimColor>  no measurement</Text>
			)}
			{errors ? <Text color="red" wrap="wrap">  errors: {Object.entries(errors).map(([text, count]) => `${text} ×${count}`).join('; ')}</Text> : null}
			{rounds.length > 0 ? (
				<Box flexDirection="column">
					<Text dimColor>  round  offered → achieved   p99 TTFT   p99 TPOT   verdict</Text>
					{rounds.map((round, i) => (
						<Text key={i} wrap="truncate" color={round.passed ? undefined : 'red'}>
							{'  '}
							{`r${i + 1}`.padEnd(6)} {`${formatNumber(round.offered_request_rate ?? round.request_rate, 2)} → ${formatNumber(round.request_throughput, 2)}`.padEnd(20)} {`${formatNumber(round.p99_ttft_ms, 0)} ms`.padEnd(10)} {`${formatNumber(round.p99_tpot_ms, 1)} ms`.padEnd(10)} {round.passed ? 'pass' : 'fail'}
							{round.reason ? <Text dimColor> {round.reason.slice(0, Math.max(0, width - 70))}</Text> : null}
						</Text>
					))}
					<RoundChart rounds={rounds.map(round => ({throughput: round.request_throughput ?? null, latency: ((round as Record<string, unknown>)[statKey] as number | null | undefined) ?? null, passed: round.passed}))} sla={sla} width={width} />
				</Box>
			) : null}
		</Box>
	);
}

/** One candidate after the run: how it ended, its command, every row with its rounds and requests, its server log. */
export function DrillDocument({candidate, id, rows, files, sla, width}: {
	readonly sla: Readonly<Record<string, number>>;
	readonly candidate: CandidateState | undefined;
	readonly id: string;
	readonly rows: readonly ResultRow[];
	readonly files: CandidateFiles | null;
	readonly width: number;
}) {
	const mine = rows.filter(row => row.candidate_id === id);
	const status = candidate?.status ?? mine[0]?.status ?? 'skipped';
	const command = candidate?.command || mine[0]?.server_command || '';
	const log = files?.log;
	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="wrap">
				<Text color={statusColor[status]}>{statusGlyph[status]} {id}</Text> {status}
				{candidate?.reason ? <Text dimColor> — {candidate.reason}</Text> : null}
			</Text>
			{command ? <Text dimColor>{wrapCommand(command, width).join('\n')}</Text> : null}
			{mine.length === 0 ? <Text dimColor>No result rows for this candidate.</Text> : null}
			{mine.map((row, i) => (
				<RowSummary key={i} row={row} sla={sla} errors={row.artifacts?.raw_result ? files?.errors[row.artifacts.raw_result] : undefined} width={width} />
			))}
			<Box flexDirection="column" marginTop={1}>
				<Text bold>
					Server log{' '}
					<Text dimColor>
						{mine.find(row => row.artifacts?.server_log)?.artifacts?.server_log ?? ''}
						{log && 'lines' in log ? ` · last ${log.lines.length} of ${log.total} lines` : ''}
					</Text>
				</Text>
				{!files ? <Text dimColor>reading…</Text> : 'problem' in files.log ? <Text color="yellow">{files.log.problem}</Text> : files.log.lines.map((line, i) => <LogLine key={i} line={line} width={width} />)}
			</Box>
		</Box>
	);
}
