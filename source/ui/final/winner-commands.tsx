import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';

/** Each winner's exact launch and benchmark commands, wrapped, never cut. */
export function WinnerCommands({state, width}: {readonly state: RunState; readonly width: number}) {
	if (state.winners.length === 0) return <Text color="yellow">No SLA-passing winner: see the failed candidates above.</Text>;
	return (
		<Box flexDirection="column" width={width}>
			<Text bold>Winners</Text>
			{state.winners.map(winner => {
				const row = state.rows.find(r => r.candidate_id === winner.candidateId && r.workload.scenario === winner.scenario);
				const command = row?.server_command ?? state.candidates.find(c => c.id === winner.candidateId)?.command ?? '—';
				return (
					<Box key={`${winner.framework}-${winner.scenario}`} flexDirection="column">
						<Text>
							<Text color="green">✔ {winner.framework}</Text> · {winner.scenario} · {winner.candidateId}
						</Text>
						<Text wrap="wrap">  server  {command}</Text>
						{row?.benchmark_command ? <Text wrap="wrap">  bench   {row.benchmark_command}</Text> : null}
					</Box>
				);
			})}
		</Box>
	);
}
