import {memo} from 'react';
import {Text} from 'ink';
import type {QpsRoundState} from '../../engine/run-state.js';

/** The QPS-search rounds of the active candidate so far: rate and pass/fail, newest last. */
export const QpsRounds = memo(function QpsRounds({rounds}: {readonly rounds: readonly QpsRoundState[]}) {
	if (rounds.length === 0) return <Text dimColor>QPS rounds · none yet</Text>;
	const last = rounds.at(-1)!;
	return (
		<Text wrap="truncate">
			<Text bold>QPS rounds </Text>
			{rounds.map((round, i) => (
				<Text key={i} color={round.passed ? 'green' : 'red'}>
					{i > 0 ? '  ' : ''}
					{round.scenario}@{round.requestRate} {round.passed ? '✔' : '✘'}
				</Text>
			))}
			{!last.passed && last.reason ? <Text dimColor> ({last.reason})</Text> : null}
		</Text>
	);
});
