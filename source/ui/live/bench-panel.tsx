import {memo} from 'react';
import {Box, Text} from 'ink';
import type {BenchProgress} from '../../bench/bench-types.js';
import type {BenchState} from '../../engine/run-state.js';
import {bar, formatNumber} from '../format.js';
import {boundColor, metricLabel, shownStatistics} from './sla-bounds.js';

/** "HTTP 503 ×2, connection error ×1", most frequent first. */
export function errorBreakdown(errors: Readonly<Record<string, number>> | undefined): string {
	return Object.entries(errors ?? {}).sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${kind} ×${count}`).join(', ');
}

/** The SLA's own statistic, live, coloured against its bound, with p50 beside it for scale. */
function Statistic({progress, stat}: {readonly progress: BenchProgress | null; readonly stat: ReturnType<typeof shownStatistics>[number]}) {
	const value = progress?.latency?.[stat.key] ?? null;
	const p50 = progress?.latency?.[`p50_${stat.metric}_ms`] ?? (stat.metric === 'ttft' ? progress?.p50TtftMs : stat.metric === 'tpot' ? progress?.p50TpotMs : null) ?? null;
	const color = boundColor(value, stat.ms);
	const glyph = color === undefined ? '' : value! > stat.ms! ? ' ✘' : ' ✔';
	return (
		<Text>
			{metricLabel(stat.metric)} {stat.stat} <Text color={color} bold>{formatNumber(value, 0)} ms{glyph}</Text>
			<Text dimColor>{stat.ms === null ? '' : ` SLA ≤ ${stat.ms}`} · p50 {formatNumber(p50, 0)}</Text>
		</Text>
	);
}

/** Benchmark progress of the active candidate: bar, counts, rates, errors, and the SLA's statistics live. */
export const BenchPanel = memo(function BenchPanel({bench, sla, width}: {readonly bench: BenchState | null; readonly sla: Readonly<Record<string, number>>; readonly width: number}) {
	if (!bench) return <Text dimColor>Benchmark · waiting for the server</Text>;
	const p = bench.progress;
	const total = p?.total ?? bench.numPrompts;
	// Answered requests, failed ones included: the bar reaches the end when the round does.
	const answered = (p?.completed ?? 0) + (p?.failed ?? 0);
	const offered = bench.requestRate === 'inf' ? 'burst (inf)' : `${bench.requestRate} req/s offered`;
	const errors = errorBreakdown(p?.errors);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>Benchmark</Text> {bench.scenario} @ {offered}
				{bench.maxConcurrency === null ? '' : ` · max concurrency ${bench.maxConcurrency}`}
				{bench.round === null ? '' : ` · round ${bench.round}`}
				{' · '}achieved <Text bold>{formatNumber(p?.requestThroughput, 2)} req/s</Text>
				<Text dimColor> · {formatNumber(p?.outputTokenThroughput, 0)} tok/s</Text>
			</Text>
			<Text wrap="truncate">
				<Text color="cyan">{bar(total > 0 ? answered / total : 0, Math.max(10, Math.min(20, width - 70)))}</Text> {answered}/{total} answered
				<Text> · {p?.inFlight ?? 0} in flight</Text>
				{p && p.failed > 0 ? <Text color="red"> · {p.failed} failed{errors ? `: ${errors}` : ''}</Text> : <Text dimColor> · 0 errors</Text>}
			</Text>
			<Text wrap="truncate">
				{shownStatistics(sla).map((stat, i) => (
					<Text key={stat.key}>
						{i > 0 ? '   ' : ''}
						<Statistic progress={p} stat={stat} />
					</Text>
				))}
			</Text>
		</Box>
	);
});
