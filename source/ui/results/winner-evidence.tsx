import {Box, Text} from 'ink';
import type {ReportModel} from '../../report/build-report.js';
import {crossTieText, figureText, marginText, tieText} from '../../report/evidence-text.js';
import {frameworkLabel} from '../../report/format.js';

/**
 * What each winner's claim rests on, in the same words as the markdown report: "winner, margin ±
 * interval", the deciding figure with its interval and sample count, and any tie with how it was
 * broken.
 */
export function WinnerEvidence({model}: {readonly model: ReportModel}) {
	if (model.winners.length === 0) return null;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold underline>
				Winners, margins and ties
			</Text>
			{model.comparisons.map(comparison => {
				const cross = crossTieText(comparison, model.winners);
				return (
					<Box key={comparison.scenario} flexDirection="column">
						{model.winners
							.filter(winner => winner.scenario === comparison.scenario)
							.map(winner => {
								const tie = tieText(winner);
								return (
									<Text key={`${winner.scenario}|${winner.framework}`} wrap="wrap">
										{winner.scenario} · {frameworkLabel(winner.framework)}: <Text bold>{winner.candidateId}</Text>, {marginText(winner)}
										<Text dimColor>
											{' '}
											({figureText(winner)})
										</Text>
										{tie ? <Text color="yellow">; {tie}</Text> : null}
									</Text>
								);
							})}
						{cross ? (
							<Text wrap="wrap" color="yellow">
								{cross}
							</Text>
						) : null}
					</Box>
				);
			})}
		</Box>
	);
}
