import {memo} from 'react';
import {Box, Text} from 'ink';
import type {BenchProgress} from '../../bench/bench-types.js';
import type {BenchState, QpsRoundState} from '../../engine/run-state.js';
import {formatNumber, truncate} from '../format.js';
import {boundColor, metricLabel, shownStatistics} from './sla-bounds.js';
import {roundVerdict, verdictColor, verdictGlyph} from './verdict.js';

type Line = {
	readonly key: string;
	readonly label: string;
	readonly offered: number | 'inf';
	readonly progress: BenchProgress | null;
	readonly verdict: {text: string; color: string | undefined};
	readonly reason: string | null;
};

const widths = {label: 13, rate: 20, stat: 11, errors: 7, verdict: 10};

// A run outside the QPS search is the burst (rate inf) or one of `benchmark.request_rates`.
const roundLabel = (scenario: string, maxConcurrency: number | null, round: number | null, rate: number | 'inf') =>
	`${scenario}${maxConcurrency === null ? '' : ` c${maxConcurrency}`} ${round !== null ? `r${round}` : rate === 'inf' ? 'burst' : 'fixed'}`;

function rate(offered: number | 'inf', progress: BenchProgress | null): string {
	const achieved = formatNumber(progress?.requestThroughput, 2);
	return offered === 'inf' ? `inf → ${achieved}` : `${formatNumber(offered, 2)} → ${achieved}`;
}

/**
 * Every QPS round of the active candidate so far, newest last, and the round now running: offered
 * → achieved rate, the SLA's statistics coloured against their bounds, errors, verdict. Rounds last
 * a second or two, so each stays readable here after its progress bar is gone.
 */
export const RoundTable = memo(function RoundTable({rounds, bench, sla, maxRows, width}: {
	readonly rounds: readonly QpsRoundState[];
	readonly bench: BenchState | null;
	readonly sla: Readonly<Record<string, number>>;
	readonly maxRows: number;
	readonly width: number;
}) {
	const stats = shownStatistics(sla);
	const lines: Line[] = rounds.map((round, i) => {
		const verdict = roundVerdict(round);
		return {
			key: `${i}`,
			label: roundLabel(round.scenario, round.maxConcurrency, round.round, round.requestRate),
			offered: round.requestRate,
			progress: round.final,
			verdict: {text: `${verdictGlyph[verdict]} ${verdict}`, color: verdictColor[verdict]},
			reason: verdict === 'pass' ? null : round.reason,
		};
	});
	const finished = bench && rounds.some(r => r.scenario === bench.scenario && r.round === bench.round && r.maxConcurrency === bench.maxConcurrency);
	if (bench && !finished && (bench.progress?.completed ?? 0) + (bench.progress?.failed ?? 0) < (bench.progress?.total ?? bench.numPrompts)) {
		lines.push({key: 'live', label: roundLabel(bench.scenario, bench.maxConcurrency, bench.round, bench.requestRate), offered: bench.requestRate, progress: bench.progress, verdict: {text: '▶ running', color: 'cyan'}, reason: null});
	}

	if (lines.length === 0) return <Text dimColor>Rounds · none yet</Text>;
	const shown = lines.slice(-Math.max(1, maxRows));
	const head = [
		'Rounds'.padEnd(widths.label),
		'offered → achieved'.padEnd(widths.rate),
		...stats.map(s => `${s.stat} ${metricLabel(s.metric)}${s.ms === null ? '' : ` ≤${s.ms}`}`.padEnd(widths.stat + 3)),
		'errors'.padEnd(widths.errors),
		'verdict',
	].join(' ');
	const used = widths.label + widths.rate + stats.length * (widths.stat + 4) + widths.errors + widths.verdict + 3;
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">
				{head}
				{lines.length > shown.length ? <Text dimColor> ({lines.length - shown.length} earlier)</Text> : null}
			</Text>
			{shown.map(line => (
				<Text key={line.key} wrap="truncate">
					{truncate(line.label, widths.label).padEnd(widths.label)} {rate(line.offered, line.progress).padEnd(widths.rate)}{' '}
					{stats.map(stat => {
						const value = line.progress?.latency?.[stat.key] ?? null;
						return (
							<Text key={stat.key} color={boundColor(value, stat.ms)}>
								{`${formatNumber(value, 0)} ms`.padEnd(widths.stat + 3)}{' '}
							</Text>
						);
					})}
					<Text color={(line.progress?.failed ?? 0) > 0 ? 'red' : undefined}>{String(line.progress?.failed ?? 0).padEnd(widths.errors)}</Text>{' '}
					<Text color={line.verdict.color}>{line.verdict.text.padEnd(widths.verdict)}</Text>
					{line.reason ? <Text dimColor>{truncate(line.reason, Math.max(8, width - used))}</Text> : null}
				</Text>
			))}
		</Box>
	);
});
