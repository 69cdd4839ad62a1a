import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {CheckList} from './check-list.js';
import {CandidateSummary} from './candidate-summary.js';

/**
 * Preflight: the checks with their results and hints, then (after plan-ready) the candidates and
 * the estimate, waiting for the operator's go.
 */
export function PreflightScreen({state, columns, rows, confirmed}: {
	readonly state: RunState;
	readonly columns: number;
	readonly rows: number;
	readonly confirmed: boolean;
}) {
	const width = Math.max(40, columns - 2);
	const failed = state.checks.some(c => c.status === 'failed');
	const used = 3 + state.checks.length + state.checks.filter(c => c.hint && c.status !== 'passed').length;
	return (
		<Box flexDirection="column" width={columns}>
			<Text wrap="truncate">
				<Text bold color="magenta">Preflight</Text> <Text>{state.model ?? ''}</Text>
				{state.simulated ? <Text color="yellow"> [simulated GPU box]</Text> : null}
				<Text dimColor> {state.planFile ?? ''}</Text>
			</Text>
			<CheckList checks={state.checks} width={width} />
			{state.phase === 'planned' ? (
				<Box flexDirection="column" marginTop={1}>
					<CandidateSummary state={state} maxLines={Math.max(3, rows - used - 5)} width={width} />
					<Text bold color={failed ? 'red' : 'green'}>
						{confirmed ? 'Starting…' : failed ? 'Some checks failed: press enter to run anyway, or a to abort.' : 'Ready: press enter to start.'}
					</Text>
				</Box>
			) : null}
		</Box>
	);
}
