import {Box, Text} from 'ink';
import type {ReportModel} from '../../report/build-report.js';

/**
 * The report's caveats (docs/ranking.md) right under the comparison, as in summary.md: a figure read
 * without them misleads (a search that never failed reports its upper bound, not a capacity).
 */
export function CaveatList({model}: {readonly model: ReportModel}) {
	if (model.caveats.length === 0) return null;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold underline>
				Caveats
			</Text>
			{model.caveats.map((caveat, i) => (
				<Text key={i} color="yellow" wrap="wrap">
					⚠ {caveat}
				</Text>
			))}
		</Box>
	);
}
