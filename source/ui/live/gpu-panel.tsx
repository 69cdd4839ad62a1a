import {memo} from 'react';
import {Box, Text} from 'ink';
import type {GpuState} from '../../engine/run-state.js';
import {bar, formatGiB, sparkline, truncate} from '../format.js';

/** Per GPU: utilization with a short history, and memory used of total; two per line when wide. */
export const GpuPanel = memo(function GpuPanel({gpus, width}: {readonly gpus: readonly GpuState[]; readonly width: number}) {
	if (gpus.length === 0) return <Text dimColor>GPUs · no samples yet</Text>;
	const columns = gpus.length > 1 && width >= 96 ? 2 : 1;
	const cellWidth = Math.floor(width / columns) - 1;
	return (
		<Box flexDirection="row" flexWrap="wrap" columnGap={1}>
			{gpus.map(gpu => {
				const util = gpu.utilizationPct.at(-1) ?? 0;
				const used = gpu.memoryUsedMiB.at(-1) ?? 0;
				const memFraction = gpu.memoryTotalMiB > 0 ? used / gpu.memoryTotalMiB : 0;
				return (
					<Box key={gpu.index} width={cellWidth}>
						<Text wrap="truncate">
							<Text bold>GPU{gpu.index}</Text> <Text dimColor>{truncate(gpu.name, 12).padEnd(12)}</Text>{' '}
							<Text color="green">{sparkline(gpu.utilizationPct, 100, 10).padEnd(10)}</Text> {String(Math.round(util)).padStart(3)}%{' '}
							<Text color={memFraction > 0.95 ? 'red' : 'blue'}>{bar(memFraction, 6)}</Text> {formatGiB(used)}/{formatGiB(gpu.memoryTotalMiB)}G
						</Text>
					</Box>
				);
			})}
		</Box>
	);
});
