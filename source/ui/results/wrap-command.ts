/**
 * Wraps a shell command to a width so that the wrapped text, pasted into a POSIX shell, is the same
 * command. Lines break between words (` \` + newline + indent). A word longer than a line is the
 * only thing ever split, and always with a continuation the shell removes again: `\` + newline
 * outside quotes or inside double quotes, and `'\` + newline + `'` inside single quotes (close the
 * quote, continue the line, reopen: adjacent quoted strings join into one word).
 */

/** The words of a command as written (quotes kept), split at unquoted spaces. */
export function commandWords(command: string): string[] {
	const words: string[] = [];
	let word = '';
	let quote: "'" | '"' | null = null;
	for (let i = 0; i < command.length; i++) {
		const char = command[i]!;
		if (quote === null && char === ' ') {
			if (word) words.push(word);
			word = '';
			continue;
		}

		word += char;
		if (quote === null && char === '\\' && i + 1 < command.length) word += command[++i];
		else if (quote === '"' && char === '\\' && i + 1 < command.length) word += command[++i];
		else if (quote === null && (char === "'" || char === '"')) quote = char;
		else if (quote === char) quote = null;
	}

	if (word) words.push(word);
	return words;
}

/** Splits one over-long word into lines of at most `max` columns, each ending in a continuation. */
function splitWord(word: string, first: number, max: number): string[] {
	const lines: string[] = [];
	let line = '';
	let room = first;
	let quote: "'" | '"' | null = null;
	for (let i = 0; i < word.length; i++) {
		let char = word[i]!;
		// Never separate a backslash from the character it escapes.
		if (char === '\\' && quote !== "'" && i + 1 < word.length) char += word[++i];
		const marker = quote === "'" ? "'\\" : '\\';
		if (line.length + char.length + marker.length > room && line.length > 0) {
			lines.push(line + marker);
			line = quote === "'" ? "'" : '';
			room = max;
		}

		line += char;
		if (quote === null && (char === "'" || char === '"')) quote = char;
		else if (quote === char) quote = null;
	}

	lines.push(line);
	return lines;
}

/** `--flag value` pairs stay on one line when they fit one: a reader scans flags, not words. */
function units(words: readonly string[]): string[][] {
	const out: string[][] = [];
	for (let i = 0; i < words.length; i++) {
		const next = words[i + 1];
		if (words[i]!.startsWith('-') && next !== undefined && !next.startsWith('-')) {
			out.push([words[i]!, next]);
			i++;
		} else {
			out.push([words[i]!]);
		}
	}

	return out;
}

export function wrapCommand(command: string, width: number, indent = '  '): string[] {
	const max = Math.max(12, width);
	const lines: string[] = [];
	let line = '';
	const place = (word: string) => {
		const joined = line === '' ? word : `${line} ${word}`;
		if (joined.length + 2 <= max || (line === '' && joined.length <= max)) {
			line = joined;
			return;
		}

		if (line !== '') lines.push(`${line} \\`);
		if (indent.length + word.length + 2 <= max) {
			line = `${indent}${word}`;
			return;
		}

		// Whole without the indent (only cosmetic) rather than split.
		if (word.length + 2 <= max) {
			line = word;
			return;
		}

		// Longer than a line: its own lines, split only where the shell joins it back.
		const pieces = splitWord(word, max - indent.length, max);
		lines.push(`${indent}${pieces[0]!}`, ...pieces.slice(1, -1));
		line = pieces.length > 1 ? pieces.at(-1)! : lines.pop()!;
	};

	for (const unit of units(commandWords(command))) {
		const whole = unit.join(' ');
		if (unit.length > 1 && indent.length + whole.length + 2 <= max) place(whole);
		else unit.forEach(place);
	}

	if (line !== '') lines.push(line);
	return lines;
}

/** Inverse of wrapCommand: what the shell reads from the wrapped lines (used by tests and copy helpers). */
export function unwrapCommand(lines: readonly string[], indent = '  '): string {
	let text = lines[0] ?? '';
	for (const next of lines.slice(1)) {
		if (text.endsWith(' \\')) text = `${text.slice(0, -2)} ${next.startsWith(indent) ? next.slice(indent.length) : next}`;
		else if (text.endsWith("'\\") && next.startsWith("'")) text = text.slice(0, -2) + next.slice(1);
		else if (text.endsWith('\\')) text = text.slice(0, -1) + next;
		else text = `${text}\n${next}`;
	}

	return text;
}
