import {Box, Text} from 'ink';
import type {RunState} from '../../engine/run-state.js';
import {frameworkLabel, frameworkNames} from '../../frameworks/registry.js';
import {formatDuration, truncate} from '../format.js';

/** What the run will do: candidates per framework (first few listed), scenarios, the estimate. */
export function CandidateSummary({state, maxLines, width}: {readonly state: RunState; readonly maxLines: number; readonly width: number}) {
	const groups = frameworkNames
		.map(name => ({name, candidates: state.candidates.filter(c => c.framework === name)}))
		.filter(group => group.candidates.length > 0);
	const perGroup = Math.max(1, Math.floor((maxLines - groups.length) / Math.max(1, groups.length)));
	return (
		<Box flexDirection="column">
			<Text bold>
				{state.candidates.length} candidates · {state.scenarios.length} scenario{state.scenarios.length === 1 ? '' : 's'} ({state.scenarios.join(', ')}) · estimate{' '}
				{state.estimatedSeconds === null ? 'unknown' : formatDuration(state.estimatedSeconds * 1000)}
			</Text>
			{groups.map(group => (
				<Box key={group.name} flexDirection="column">
					<Text>
						<Text color="magenta">{frameworkLabel(group.name)}</Text> <Text dimColor>{group.candidates.length} candidate{group.candidates.length === 1 ? '' : 's'}</Text>
					</Text>
					{group.candidates.slice(0, perGroup).map(c => (
						<Text key={c.id} wrap="truncate">
							{'  '}
							{c.id}
							<Text dimColor> {truncate(c.command, Math.max(10, width - c.id.length - 4))}</Text>
						</Text>
					))}
					{group.candidates.length > perGroup ? <Text dimColor>  … {group.candidates.length - perGroup} more</Text> : null}
				</Box>
			))}
		</Box>
	);
}
