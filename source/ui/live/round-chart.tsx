import {Box, Text} from 'ink';
import {plotChars, type CharSeries} from '../results/char-plot.js';
import {metricLabel, shownStatistics} from './sla-bounds.js';

/** One measured round as the chart needs it: achieved rate, the SLA statistic, its verdict. */
export type ChartRound = {readonly throughput: number | null; readonly latency: number | null; readonly passed: boolean};

/**
 * The rounds of one candidate as a latency-vs-throughput chart with the SLA bound drawn across it
 * (o = passed, x = failed, · joins them in rate order): where the knee is, at a glance. Built on
 * the report's char-plot (asciichart plots y against the sample index, not x–y points).
 */
export function RoundChart({rounds, sla, width, height = 8}: {
	readonly rounds: readonly ChartRound[];
	readonly sla: Readonly<Record<string, number>>;
	readonly width: number;
	readonly height?: number;
}) {
	const stat = shownStatistics(sla)[0]!;
	const points = rounds.flatMap(round => (round.throughput === null || round.latency === null ? [] : [{x: round.throughput, y: round.latency, passed: round.passed}]));
	if (points.length < 2) return null;
	const series: CharSeries[] = [
		{char: '·', points},
		{char: 'o', line: false, points: points.filter(p => p.passed)},
		{char: 'x', line: false, points: points.filter(p => !p.passed)},
	];
	const lines = plotChars({width, height, xLabel: 'achieved throughput (req/s)', series, lines: stat.ms === null ? [] : [{y: stat.ms, char: '┄'}]});
	return (
		<Box flexDirection="column">
			<Text bold>
				{stat.stat} {metricLabel(stat.metric)} ms ↑ vs achieved req/s → <Text dimColor>o passed · x failed{stat.ms === null ? '' : ` · ┄ SLA ≤ ${stat.ms} ms`}</Text>
			</Text>
			<Text>{lines.join('\n')}</Text>
		</Box>
	);
}
