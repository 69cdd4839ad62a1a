import {memo} from 'react';
import {Box, Text} from 'ink';
import type {GpuState} from '../../engine/run-state.js';
import {bar, formatDuration, formatGiB, sparkline, truncate} from '../format.js';

/** Cell layouts from richest to most compact; the panel takes the richest that fits in `maxLines`. */
const layouts = [
	{width: 51, name: 12, spark: 10, mem: 6},
	{width: 36, name: 0, spark: 8, mem: 5},
	{width: 23, name: 0, spark: 0, mem: 0},
] as const;

type Layout = (typeof layouts)[number];

export function gpuLayout(count: number, width: number, maxLines: number): {layout: Layout; columns: number; lines: number} {
	for (const layout of layouts) {
		const columns = Math.max(1, Math.min(count, Math.floor((width + 1) / (layout.width + 1))));
		const lines = Math.ceil(count / columns);
		if (lines <= maxLines || layout === layouts.at(-1)) return {layout, columns, lines};
	}

	throw new Error('unreachable');
}

/** Lines the panel takes (the live screen sizes the log around it). */
export function gpuPanelLines(count: number, width: number): number {
	return count === 0 ? 1 : gpuLayout(count, width, 2).lines + 1;
}

/**
 * Per GPU: utilisation with a short history and memory used of total, as many per line as fit (8
 * GPUs in two lines at 100 columns). Samples older than the active server (the poller idles while
 * the next server loads) are marked stale and dimmed, so the previous candidate's figures are not
 * read as this one's.
 */
export const GpuPanel = memo(function GpuPanel({gpus, width, since, now}: {
	readonly gpus: readonly GpuState[];
	readonly width: number;
	/** The active candidate's start: samples older than it are stale. */
	readonly since: number | null;
	readonly now: number;
}) {
	if (gpus.length === 0) return <Text dimColor>GPUs · no samples yet</Text>;
	const {layout, columns} = gpuLayout(gpus.length, width, 2);
	const newest = Math.max(...gpus.map(gpu => gpu.sampledT ?? 0));
	const beforeServer = since !== null && newest < since;
	const stale = beforeServer || now - newest > 10_000;
	const cellWidth = Math.floor((width + 1) / columns) - 1;
	return (
		<Box flexDirection="column">
			<Text dimColor wrap="truncate">
				GPUs · {gpus.length}
				{stale ? <Text color="yellow" dimColor={false}> · stale: last sample {formatDuration(Math.max(0, now - newest))} ago{beforeServer ? ', from before this server started' : ''}</Text> : ' · live'}
			</Text>
			<Box flexDirection="row" flexWrap="wrap" columnGap={1}>
				{gpus.map(gpu => {
					const util = gpu.utilizationPct.at(-1) ?? null;
					const used = gpu.memoryUsedMiB.at(-1) ?? 0;
					const memFraction = gpu.memoryTotalMiB > 0 ? used / gpu.memoryTotalMiB : 0;
					return (
						<Box key={gpu.index} width={cellWidth}>
							<Text wrap="truncate" dimColor={stale}>
								<Text bold>{layout.name > 0 ? 'GPU' : ''}{gpu.index}</Text>
								{layout.name > 0 ? <Text dimColor> {truncate(gpu.name, layout.name).padEnd(layout.name)}</Text> : null}{' '}
								{layout.spark > 0 ? <Text color={stale ? undefined : 'green'}>{sparkline(gpu.utilizationPct.map(pct => pct ?? 0), 100, layout.spark).padEnd(layout.spark)} </Text> : null}
								{util === null ? 'N/A ' : `${String(Math.round(util)).padStart(3)}%`}{' '}
								{layout.mem > 0 ? <Text color={stale ? undefined : memFraction > 0.95 ? 'red' : 'blue'}>{bar(memFraction, layout.mem)} </Text> : null}
								{formatGiB(used)}/{formatGiB(gpu.memoryTotalMiB)}G
							</Text>
						</Box>
					);
				})}
			</Box>
		</Box>
	);
});
