/**
 * Wraps a shell command to a width with ` \` continuations, so the wrapped text still pastes into
 * a shell as the same command. Breaks only at spaces; a single token longer than the line is split
 * hard (still complete, just not pasteable as is) rather than cut.
 */
export function wrapCommand(command: string, width: number, indent = '  '): string[] {
	const max = Math.max(10, width);
	const lines: string[] = [];
	let line = '';
	for (const token of command.split(' ')) {
		const prefix = lines.length === 0 && line === '' ? '' : indent;
		const candidate = line === '' ? `${prefix}${token}` : `${line} ${token}`;
		if (candidate.length <= max - 2 || line === '') {
			line = candidate;
		} else {
			lines.push(`${line} \\`);
			line = `${indent}${token}`;
		}

		while (line.length > max) {
			lines.push(line.slice(0, max));
			line = line.slice(max);
		}
	}

	if (line !== '') lines.push(line);
	return lines;
}

/** Inverse of wrapCommand for commands that wrapped only at spaces (used by tests and copy helpers). */
export function unwrapCommand(lines: readonly string[], indent = '  '): string {
	return lines.map((line, index) => (index === 0 ? line : line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n').replaceAll(' \\\n', ' ');
}
