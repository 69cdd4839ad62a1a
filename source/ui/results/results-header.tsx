import {Box, Text} from 'ink';
import type {ReportModel} from '../../report/build-report.js';
import {frameworkLabel, missing} from '../../report/format.js';
import {describeSla} from '../../sla/grammar.js';

/** What was measured, against which SLA, on what — and a loud banner when none of it is real. */
export function ResultsHeader({model}: {readonly model: ReportModel}) {
	const hw = model.context.hardware ?? model.ranked.find(entry => entry.row.hardware)?.row.hardware;
	const versions = model.frameworks.map(framework => {
		const version = model.context.frameworks?.[framework]?.version ?? model.ranked.find(e => e.row.framework === framework)?.row.framework_version;
		return `${frameworkLabel(framework)} ${version ?? '?'}`;
	});
	return (
		<Box flexDirection="column" marginBottom={1}>
			{model.simulated ? (
				<Text bold color="black" backgroundColor="yellow">
					{' SIMULATED — figures are plausible, not real '}
				</Text>
			) : null}
			<Text wrap="wrap">
				<Text bold>Model</Text> {model.model ?? missing} <Text bold>on</Text> {hw?.gpu_model ?? missing}
				{typeof hw?.gpu_count === 'number' ? ` × ${hw.gpu_count}` : ''} <Text dimColor>({versions.join(', ')})</Text>
			</Text>
			<Text wrap="wrap">
				<Text bold>SLA</Text> {describeSla(model.sla)} <Text dimColor>· winners from {model.winnerClass === 'steady' ? 'steady-state fixed-QPS rows' : 'burst rows (no steady rows)'}</Text>
			</Text>
		</Box>
	);
}
