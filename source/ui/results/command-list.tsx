import {Box, Text} from 'ink';
import type {ReportModel} from '../../report/build-report.js';
import {frameworkLabel} from '../../report/format.js';
import {wrapCommand} from './wrap-command.js';

/** Each winner's exact launch and benchmark commands, wrapped with ` \` so they paste as is. */
export function CommandList({model, width}: {readonly model: ReportModel; readonly width: number}) {
	if (model.winners.length === 0) {
		return (
			<Box marginTop={1}>
				<Text color="red">No candidate passed the SLA: there is no command to deploy.</Text>
			</Box>
		);
	}

	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold underline>
				Winner commands
			</Text>
			{model.winners.map(winner => (
				<Box key={`${winner.scenario}|${winner.framework}`} flexDirection="column" marginTop={1}>
					<Text wrap="wrap">
						<Text bold color="green">
							#{winner.rank} {winner.scenario} · {frameworkLabel(winner.framework)}
						</Text>{' '}
						{winner.candidateId}
					</Text>
					<Text dimColor>launch:</Text>
					<Text>{wrapCommand(winner.entry.row.server_command ?? '(not recorded)', width - 2).join('\n')}</Text>
					<Text dimColor>benchmark:</Text>
					<Text>{wrapCommand(winner.entry.row.benchmark_command ?? '(not recorded)', width - 2).join('\n')}</Text>
				</Box>
			))}
		</Box>
	);
}
