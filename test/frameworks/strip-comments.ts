/**
 * TypeScript source without its comments; strings, template literals and regex literals are kept
 * (a name in a string is code that knows the framework; a name in a comment is prose). A `/`
 * starts a regex literal where an expression may start (after an operator, a bracket or
 * `return`), which is all this scan needs; a template literal's `${…}` is kept as is.
 */
const beforeRegex = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn|\btypeof|\bcase)\s*$/;

export function stripComments(text: string): string {
	let out = '';
	let index = 0;
	const skipQuoted = (close: string) => {
		const start = index++;
		while (index < text.length && text[index] !== close) index += text[index] === '\\' ? 2 : 1;
		out += text.slice(start, ++index);
	};

	while (index < text.length) {
		const char = text[index]!;
		const next = text[index + 1];
		if (char === '/' && next === '/') {
			while (index < text.length && text[index] !== '\n') index++;
		} else if (char === '/' && next === '*') {
			const end = text.indexOf('*/', index + 2);
			index = end === -1 ? text.length : end + 2;
		} else if (char === '"' || char === "'" || char === '`') {
			skipQuoted(char);
		} else if (char === '/' && beforeRegex.test(out.slice(-20))) {
			const start = index++;
			let inClass = false;
			while (index < text.length && text[index] !== '\n' && (inClass || text[index] !== '/')) {
				if (text[index] === '[') inClass = true;
				else if (text[index] === ']') inClass = false;
				index += text[index] === '\\' ? 2 : 1;
			}

			out += text.slice(start, ++index);
		} else {
			out += char;
			index++;
		}
	}

	return out;
}
