import {Text} from 'ink';
import {alarmingLine} from '../theme.js';
import {truncate} from '../format.js';

/** One server log line; OOM/NCCL/error lines stand out in red. */
export function LogLine({line, width}: {readonly line: string; readonly width: number}) {
	const alarming = alarmingLine.test(line);
	return (
		<Text color={alarming ? 'red' : undefined} bold={alarming} dimColor={!alarming} wrap="truncate">
			{truncate(line, width)}
		</Text>
	);
}
