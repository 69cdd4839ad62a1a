import {useEffect, useState} from 'react';
import {customRows, sharegptRows} from '../../workload/sources.js';
import {validateDatasetPath} from './wizard-fields.js';

export type DatasetPreview = {readonly file: string; readonly rows: readonly string[] | null; readonly error: string | null};

/** A prompt on one line: its text (a chat's last message) cut to `width`, and the answer length it asks for. */
function describe(prompt: unknown, outputLen: number, width: number): string {
	const text =
		typeof prompt === 'string'
			? prompt
			: Array.isArray(prompt)
				? prompt.map(part => (typeof part === 'object' && part ? String((part as {content?: unknown}).content ?? '') : String(part))).join(' ')
				: '';
	const flat = text.replace(/\s+/g, ' ').trim();
	const cut = flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
	return `"${cut}" → output_len ${outputLen}`;
}

/**
 * The first three requests the run would send from a ShareGPT or JSONL file, read with the run's
 * own readers (workload/sources.ts), so a file they cannot read fails here, not after 14 steps.
 * Loaded a moment after the operator stops typing.
 */
export function useDatasetPreview(kind: string, file: string | null, width = 70): DatasetPreview | null {
	const [preview, setPreview] = useState<DatasetPreview | null>(null);
	useEffect(() => {
		if (!file || validateDatasetPath(file) !== null || (kind !== 'sharegpt' && kind !== 'jsonl')) {
			setPreview(null);
			return;
		}

		let live = true;
		const timer = setTimeout(() => {
			const read = kind === 'sharegpt' ? sharegptRows : customRows;
			read(file, {numPrompts: 3, outputLen: null, chat: false, tokenizer: null}).then(
				({rows}) =>
					live &&
					setPreview({
						file,
						rows: rows.map(row => describe(row.prompt, row.output_len, width)),
						error: rows.length === 0 ? `no usable request in ${file}` : null,
					}),
				(error: Error) => live && setPreview({file, rows: null, error: error.message}),
			);
		}, 150);
		return () => {
			live = false;
			clearTimeout(timer);
		};
	}, [kind, file, width]);
	return preview && preview.file === file ? preview : null;
}
