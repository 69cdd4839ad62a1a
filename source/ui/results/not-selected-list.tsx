import {Box, Text} from 'ink';
import type {ReportModel} from '../../report/build-report.js';
import {frameworkLabel} from '../../report/format.js';

const color = (status: string, slaPassed: boolean | null) => (status === 'ok' ? (slaPassed ? 'gray' : 'yellow') : 'red');
const glyph = (status: string, slaPassed: boolean | null) => (status === 'ok' ? (slaPassed ? '·' : '✘') : status === 'skipped' ? '↷' : '✘');

/** Every tried configuration that was not selected, with a reason a reader can act on. */
export function NotSelectedList({model}: {readonly model: ReportModel}) {
	if (model.notSelected.length === 0) return null;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold underline>
				Failed or SLA-failing candidates
			</Text>
			<Text dimColor wrap="wrap">
				The record of tried configurations that were not selected: failed, skipped, missed the SLA, or outranked.
			</Text>
			{model.notSelected.map(({entry, reason}) => (
				<Text key={`${entry.loadClass}|${entry.row.workload.scenario}|${entry.row.candidate_id}|${entry.row.workload.max_concurrency ?? ''}`} wrap="wrap">
					<Text color={color(entry.row.status, entry.sla.passed)}>{glyph(entry.row.status, entry.sla.passed)} </Text>
					{frameworkLabel(entry.row.framework)} {entry.row.workload.scenario}
					{entry.loadClass === 'steady' ? '' : ` (${entry.loadClass})`} <Text bold>{entry.row.candidate_id}</Text>{' '}
					<Text color={color(entry.row.status, entry.sla.passed)}>{entry.row.status}</Text> — {reason}
				</Text>
			))}
		</Box>
	);
}
