/**
 * A fast path for the YAML every config is written in: block mappings, block sequences, one-line
 * plain and quoted scalars, comments. The yaml library (~260 kB) costs ~25 ms to load and, in a
 * short-lived process, ~5 ms per cookbook config to parse; this reads the same files in a fraction.
 *
 * It is a filter, not a second YAML implementation: anything outside that subset, or anything that
 * could be a YAML error (a tab, a repeated key, odd indentation, an anchor, a flow collection, a
 * multi-line scalar...), returns null and the caller parses with the library as before. What it
 * accepts it reads exactly as the library's YAML 1.2 core schema does (the scalar rules below are
 * the library's own tag tests), with the lines `lineOf` needs. test/config/plain-yaml.test.ts
 * compares both on every YAML file in the repository and on generated documents.
 */

/** Where a node starts (1-based line) and, for collections, where its children start. */
export type LineNode = {
	readonly line: number;
	readonly keys?: ReadonlyMap<string, {readonly keyLine: number; readonly value: LineNode}>;
	readonly items?: readonly LineNode[];
};

export type PlainYaml = {readonly data: Record<string, unknown>; readonly root: LineNode};

type Line = {indent: number; content: string; line: number};

class NotPlain extends Error {}

/** Characters the library may reject or read specially (controls, BOM, line separators, astral). */
const unusual = /[^\n\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]/;
const keyLine = /^([A-Za-z_][\w.-]*):(?: +(.*))?$/;
/** A plain scalar that cannot start an indicator, hold a flow collection, or end with `:`. */
const plainValue = /^(?:[^-?:,[\]{}#&*!|>'"%@`\s]|-[0-9.])[^[\]{}]*$/;

function lines(text: string): Line[] {
	const result: Line[] = [];
	const raw = text.split('\n');
	for (let index = 0; index < raw.length; index++) {
		const text = raw[index]!;
		const content = text.trimStart();
		if (content === '' || content.startsWith('#')) continue;
		// Document markers (`---`) and directives (`%YAML`) are kept: neither a key nor an item, they fail the reader.
		result.push({indent: text.length - content.length, content: content.trimEnd(), line: index + 1});
	}

	return result;
}

/** The library's core-schema tag tests and results, in its order (yaml/dist/schema/core). */
function resolvePlain(text: string): unknown {
	if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
	if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
	if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
	if (/^[-+]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
	if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
	if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
		return text.slice(-3).toLowerCase() === 'nan' ? Number.NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
	}

	if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) {
		return Number.parseFloat(text);
	}

	return text;
}

/** A one-line scalar after `key: ` or `- `, with any ` # comment` after it. */
function scalar(text: string): unknown {
	const quote = text[0];
	if (quote === '"' || quote === "'") {
		// No escapes: a double-quoted `\` or a quote inside goes to the library.
		const end = quote === '"' ? text.indexOf('"', 1) : singleQuotedEnd(text);
		const rest = end === -1 ? '' : text.slice(end + 1);
		if (end === -1 || (quote === '"' && text.slice(1, end).includes('\\')) || !(rest === '' || /^ +#/.test(rest))) throw new NotPlain();
		return quote === '"' ? text.slice(1, end) : text.slice(1, end).replaceAll("''", "'");
	}

	const comment = text.search(/ #/);
	const value = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
	if (!plainValue.test(value) || value.endsWith(':') || value.includes(': ')) throw new NotPlain();
	return resolvePlain(value);
}

function singleQuotedEnd(text: string): number {
	for (let index = 1; index < text.length; index++) {
		if (text[index] !== "'") continue;
		if (text[index + 1] !== "'") return index;
		index++;
	}

	return -1;
}

class Reader {
	private index = 0;

	constructor(private readonly lines: Line[]) {}

	document(): PlainYaml {
		const first = this.lines[0];
		if (first === undefined || first.indent !== 0) throw new NotPlain();
		const {value, node} = this.mapping(0);
		if (this.index !== this.lines.length) throw new NotPlain();
		return {data: value, root: node};
	}

	private get next(): Line | undefined {
		return this.lines[this.index];
	}

	private block(indent: number): {value: unknown; node: LineNode} {
		return isItem(this.next!.content) ? this.sequence(indent) : this.mapping(indent);
	}

	private mapping(indent: number): {value: Record<string, unknown>; node: LineNode} {
		const value: Record<string, unknown> = {};
		const keys = new Map<string, {keyLine: number; value: LineNode}>();
		const start = this.next!.line;
		for (let line = this.next; line !== undefined && line.indent >= indent; line = this.next) {
			const match = keyLine.exec(line.content);
			if (line.indent > indent || match === null) throw new NotPlain();
			const key = match[1]!;
			// The library refuses implicit keys over 1024 characters; `__proto__` it defines, not assigns.
			if (keys.has(key) || key.length > 512 || key === '__proto__' || typeof resolvePlain(key) !== 'string') throw new NotPlain();
			const rest = match[2] === undefined || match[2].startsWith('#') ? '' : match[2];
			this.index++;
			const after = this.next;
			let entry: {value: unknown; node: LineNode};
			if (rest !== '') {
				// A deeper line after it (a continued scalar, a stray block) fails the next turn.
				entry = {value: scalar(rest), node: {line: line.line}};
			} else if (after !== undefined && after.indent > indent) {
				entry = this.block(after.indent);
			} else if (after !== undefined && after.indent === indent && isItem(after.content)) {
				entry = this.sequence(indent);
			} else {
				entry = {value: null, node: {line: line.line}};
			}

			value[key] = entry.value;
			keys.set(key, {keyLine: line.line, value: entry.node});
		}

		return {value, node: {line: start, keys}};
	}

	private sequence(indent: number): {value: unknown[]; node: LineNode} {
		const value: unknown[] = [];
		const items: LineNode[] = [];
		const start = this.next!.line;
		for (let line = this.next; line !== undefined && line.indent === indent && isItem(line.content); line = this.next) {
			const rest = line.content.slice(1).trimStart();
			if (rest === '' || isItem(rest) || rest.startsWith('#')) throw new NotPlain();
			if (keyLine.test(rest)) {
				// `- key: value` opens a mapping at the column of `key`; it goes on below at that column.
				const column = indent + line.content.length - rest.length;
				this.lines[this.index] = {indent: column, content: rest, line: line.line};
				const entry = this.mapping(column);
				value.push(entry.value);
				items.push(entry.node);
				continue;
			}

			value.push(scalar(rest));
			items.push({line: line.line});
			this.index++;
		}

		// A line deeper than the dashes that no item took: a continued scalar or bad indentation.
		if (this.next !== undefined && this.next.indent > indent) throw new NotPlain();
		return {value, node: {line: start, items}};
	}
}

function isItem(content: string): boolean {
	return content === '-' || content.startsWith('- ');
}

/** The file's data and lines when it is plain block YAML whose top level is a mapping; else null. */
export function parsePlainYaml(text: string): PlainYaml | null {
	if (text.includes('\t') || text.includes('\r') || unusual.test(text)) return null;
	try {
		return new Reader(lines(text)).document();
	} catch (error) {
		if (error instanceof NotPlain) return null;
		throw error;
	}
}

/** `lineOf` (yaml-source.ts) on the fast path's lines: the same walk the Document version does. */
export function plainLineOf(root: LineNode, path: readonly (string | number)[]): number {
	let node: LineNode | undefined = root;
	let line = root.line;
	for (const segment of path) {
		if (node.keys !== undefined) {
			const pair = node.keys.get(String(segment));
			if (pair === undefined) break;
			line = pair.keyLine;
			node = pair.value;
		} else if (node.items !== undefined && typeof segment === 'number') {
			const item: LineNode | undefined = node.items[segment];
			if (item === undefined) break;
			line = item.line;
			node = item;
		} else {
			break;
		}
	}

	return line;
}
