import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node} from 'yaml';

export type PathSegment = string | number;

/** A parsed YAML file that can say on which line a YAML path starts. */
export type YamlSource = {
	readonly file: string;
	readonly document: Document;
	readonly lineCounter: LineCounter;
};

export function parseYamlSource(text: string, file: string): YamlSource {
	const lineCounter = new LineCounter();
	// `uniqueKeys` (the default) makes a repeated key a parse error with its line.
	const document = parseDocument(text, {lineCounter, prettyErrors: false});
	return {file, document, lineCounter};
}

/** `frameworks.vllm.base_server_flags.max_model_len`, `dataset.input_len[1]`. */
export function formatPath(path: readonly PathSegment[]): string {
	let text = '';
	for (const segment of path) {
		text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
	}

	return text === '' ? '(top level)' : text;
}

/**
 * Line (1-based) of the deepest node that exists along `path`: the key's line for a mapping entry,
 * the item's line for a list element. A missing key therefore points at its parent section.
 */
export function lineOf(source: YamlSource, path: readonly PathSegment[]): number | null {
	let node: unknown = source.document.contents;
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

	return offset === null ? null : source.lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | null {
	const range = (node as Node | null | undefined)?.range;
	return range ? range[0] : null;
}
