/**
 * TypeScript source without its comments, strings and template literals kept (a name in a
 * string is code that knows the framework; a name in a comment is prose). Regex literals are
 * not recognised; none in source/ contains a quote or comment opener that would confuse this.
 */
export function stripComments(text: string): string {
	let out = '';
	let index = 0;
	while (index < text.length) {
		const char = text[index]!;
		const next = text[index + 1];
		if (char === '/' && next === '/') {
			while (index < text.length && text[index] !== '\n') index++;
		} else if (char === '/' && next === '*') {
			const end = text.indexOf('*/', index + 2);
			index = end === -1 ? text.length : end + 2;
		} else if (char === '"' || char === "'" || char === '`') {
			const start = index++;
			while (index < text.length && text[index] !== char) index += text[index] === '\\' ? 2 : 1;
			out += text.slice(start, ++index);
		} else {
			out += char;
			index++;
		}
	}

	return out;
}
