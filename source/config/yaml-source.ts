import {parsePlainYaml, plainLineOf} from './plain-yaml.js';

export type PathSegment = string | number;

/** A parsed YAML file: its data (or why it has none), and on which line a YAML path starts. */
export type YamlSource = {
	readonly file: string;
	/** Broken YAML, one entry per problem; when empty, `data()` gives the file's value. */
	readonly syntaxErrors: readonly {readonly line: number; readonly message: string}[];
	/** The file's value as plain JavaScript; throws when the yaml library refuses to expand aliases. */
	data(): unknown;
	/**
	 * Line (1-based) of the deepest node that exists along `path`: the key's line for a mapping entry,
	 * the item's line for a list element. A missing key therefore points at its parent section.
	 */
	lineOf(path: readonly PathSegment[]): number | null;
};

/**
 * Plain block YAML (every shipped and cookbook config) is read by plain-yaml.ts; anything else, and
 * every broken file, by the yaml library, which is loaded only then (it is most of a short
 * command's start-up).
 */
export async function parseYamlSource(text: string, file: string): Promise<YamlSource> {
	const plain = parsePlainYaml(text);
	if (plain !== null) {
		return {file, syntaxErrors: [], data: () => plain.data, lineOf: path => plainLineOf(plain.root, path)};
	}

	const {documentSource} = await import('./document-source.js');
	return documentSource(text, file);
}

/** `frameworks.vllm.base_server_flags.max_model_len`, `dataset.input_len[1]`. */
export function formatPath(path: readonly PathSegment[]): string {
	let text = '';
	for (const segment of path) {
		text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
	}

	return text === '' ? '(top level)' : text;
}
