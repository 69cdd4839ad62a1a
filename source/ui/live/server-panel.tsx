import {memo} from 'react';
import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ActiveState} from '../../engine/run-state.js';
import type {ServerPhase} from '../../events.js';
import {phaseColor} from '../theme.js';
import {formatDuration, truncate} from '../format.js';
import {LogLine} from '../components/log-line.js';

const phases: readonly ServerPhase[] = ['launching', 'loading', 'ready'];

/** Server health of the active candidate: the phase path, time in it, and the log tail. */
export const ServerPanel = memo(function ServerPanel({active, now, logLines, width}: {
	readonly active: ActiveState;
	readonly now: number;
	readonly logLines: number;
	readonly width: number;
}) {
	const busy = active.phase === 'launching' || active.phase === 'loading';
	const path = active.phase === 'stopped' || active.phase === 'failed' ? [...phases, active.phase] : phases;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>Server </Text>
				{busy ? <Text color="cyan"><Spinner type="dots" /> </Text> : null}
				{path.map((phase, i) => (
					<Text key={phase} color={phase === active.phase ? phaseColor[phase] : undefined} bold={phase === active.phase} dimColor={phase !== active.phase}>
						{i > 0 ? ' → ' : ''}
						{phase}
					</Text>
				))}
				<Text dimColor> {formatDuration(Math.max(0, now - active.phaseT))} in phase · {formatDuration(Math.max(0, now - active.startedT))} total</Text>
				{active.phaseDetail ? <Text color={phaseColor[active.phase]}> {active.phaseDetail}</Text> : null}
			</Text>
			<Text dimColor wrap="truncate">$ {truncate(active.command, width - 2)}</Text>
			{active.log.slice(-logLines).map((line, i) => (
				<LogLine key={i} line={`  ${line}`} width={width} />
			))}
		</Box>
	);
});
