import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node} from 'yaml';
import type {PathSegment, YamlSource} from './yaml-source.js';

/** A file parsed by the yaml library: any YAML, with its errors and node ranges. */
export function documentSource(text: string, file: string): YamlSource {
	const lineCounter = new LineCounter();
	// `uniqueKeys` (the default) makes a repeated key a parse error with its line.
	const document = parseDocument(text, {lineCounter, prettyErrors: false});
	return {
		file,
		syntaxErrors: document.errors.map(error => ({
			line: error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line,
			message: error.message.split('\n')[0]!,
		})),
		data: () => document.toJS({maxAliasCount: 100}),
		lineOf: path => lineOf(document, lineCounter, path),
	};
}

function lineOf(document: Document, lineCounter: LineCounter, path: readonly PathSegment[]): number | null {
	let node: unknown = document.contents;
	let offset: number | null = rangeStart(node);
	for (const segment of path) {
		if (isMap(node)) {
			const pair = node.items.find(item => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
			if (!pair) {
				break;
			}

			offset = rangeStart(pair.key) ?? offset;
			node = pair.value;
		} else if (isSeq(node) && typeof segment === 'number') {
			const item = node.items[segment];
			if (item === undefined) {
				break;
			}

			offset = rangeStart(item) ?? offset;
			node = item;
		} else {
			break;
		}
	}

	return offset === null ? null : lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | null {
	const range = (node as Node | null | undefined)?.range;
	return range ? range[0] : null;
}
