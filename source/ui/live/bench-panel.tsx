import {memo} from 'react';
import {Box, Text} from 'ink';
import type {BenchState} from '../../engine/run-state.js';
import {bar, formatNumber} from '../format.js';

/** The SLA bound that a live p50 figure is compared against (the tightest stat the plan names). */
function slaBound(sla: Readonly<Record<string, number>>, metric: 'ttft' | 'tpot'): {stat: string; ms: number} | null {
	for (const stat of ['p50', 'p90', 'p95', 'p99', 'mean']) {
		const ms = sla[`max_${stat}_${metric}_ms`];
		if (ms !== undefined) return {stat, ms};
	}

	return null;
}

function Against({label, value, bound}: {readonly label: string; readonly value: number | null; readonly bound: {stat: string; ms: number} | null}) {
	const color = value === null || bound === null ? undefined : value > bound.ms ? 'red' : value > bound.ms * 0.8 ? 'yellow' : 'green';
	return (
		<Text>
			p50 {label} <Text color={color} bold>{formatNumber(value, 0)} ms</Text>
			<Text dimColor>{bound ? ` (SLA ${bound.stat} ≤ ${bound.ms})` : ''}</Text>
		</Text>
	);
}

/** Benchmark progress of the active candidate: bar, counts, and live figures against the SLA. */
export const BenchPanel = memo(function BenchPanel({bench, sla, width}: {readonly bench: BenchState | null; readonly sla: Readonly<Record<string, number>>; readonly width: number}) {
	if (!bench) return <Text dimColor>Benchmark · waiting for the server</Text>;
	const p = bench.progress;
	const total = p?.total ?? bench.numPrompts;
	const completed = p?.completed ?? 0;
	const rate = bench.requestRate === 'inf' ? 'burst (inf)' : `${bench.requestRate} req/s`;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>Benchmark</Text> {bench.scenario} @ {rate}
				{bench.maxConcurrency === null ? '' : ` · max concurrency ${bench.maxConcurrency}`}
				{bench.round === null ? '' : ` · round ${bench.round}`}
			</Text>
			<Text wrap="truncate">
				<Text color="cyan">{bar(total > 0 ? completed / total : 0, Math.min(30, width - 40))}</Text> {completed}/{total}
				{p && p.failed > 0 ? <Text color="red"> {p.failed} failed</Text> : null}
				{p ? <Text dimColor> · {p.inFlight} in flight</Text> : null}
			</Text>
			<Text wrap="truncate">
				<Against label="TTFT" value={p?.p50TtftMs ?? null} bound={slaBound(sla, 'ttft')} /> · <Against label="TPOT" value={p?.p50TpotMs ?? null} bound={slaBound(sla, 'tpot')} /> · {formatNumber(p?.requestThroughput, 2)} req/s · {formatNumber(p?.outputTokenThroughput, 0)} tok/s
			</Text>
		</Box>
	);
});
