/**
 * POSIX-shell word splitting for `server_command` (quotes and backslashes; no expansion) and the
 * inverse quoting used to print a copy-pasteable command.
 */
export function splitShellWords(text: string): string[] | {error: string} {
	const words: string[] = [];
	let current = '';
	let inWord = false;
	let quote: "'" | '"' | null = null;
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		if (quote === "'") {
			if (char === "'") {
				quote = null;
			} else {
				current += char;
			}
		} else if (quote === '"') {
			if (char === '"') {
				quote = null;
			} else if (char === '\\' && index + 1 < text.length && '"\\$`'.includes(text[index + 1]!)) {
				current += text[++index];
			} else {
				current += char;
			}
		} else if (char === "'" || char === '"') {
			quote = char;
			inWord = true;
		} else if (char === '\\' && index + 1 < text.length) {
			current += text[++index];
			inWord = true;
		} else if (/\s/.test(char)) {
			if (inWord) {
				words.push(current);
				current = '';
				inWord = false;
			}
		} else {
			current += char;
			inWord = true;
		}
	}

	if (quote !== null) {
		return {error: `unterminated ${quote} quote`};
	}

	if (inWord) {
		words.push(current);
	}

	return words;
}

const safeWord = /^[\w@%+=:,./-]+$/;

export function quoteShellWord(word: string): string {
	if (word !== '' && safeWord.test(word)) {
		return word;
	}

	return `'${word.replaceAll("'", `'"'"'`)}'`;
}

/** The argv as one line a shell turns back into the same argv. */
export function shellQuote(argv: readonly string[]): string {
	return argv.map(word => quoteShellWord(word)).join(' ');
}
