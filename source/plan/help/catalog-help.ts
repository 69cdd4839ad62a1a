import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {FrameworkName} from '../../frameworks/framework-name.js';
import type {HelpFlag, ParsedHelp} from './parsed-help.js';

const cache = new Map<FrameworkName, ParsedHelp>();

export function catalogFile(framework: FrameworkName): string {
	return fileURLToPath(new URL(`../../frameworks/catalog/${framework}.txt`, import.meta.url));
}

/**
 * The bundled known-flag list (`## Group` headers, one option per line, `# alias` / `# store_true`
 * / `# is_flag` notes). It does not know which options take values, so callers only check names
 * against it; `takesValue` is a best guess from the notes.
 */
export function parseCatalog(framework: FrameworkName, text: string, file: string): ParsedHelp {
	const flags = new Map<string, HelpFlag>();
	let group: string | null = null;
	for (const line of text.split(/\r?\n/)) {
		const header = /^##\s+(.*\S)/.exec(line);
		if (header) {
			group = header[1]!;
			continue;
		}

		const entry = /^(-{1,2}[A-Za-z0-9][\w.-]*)\s*(?:#\s*(.*))?$/.exec(line.trim());
		if (!entry) {
			continue;
		}

		const note = entry[2] ?? '';
		const isSwitch = /store_true|is_flag|boolean pair/.test(note);
		const name = entry[1]!;
		flags.set(name, {takesValue: !isSwitch, choices: null, negatable: framework === 'vllm' && !/store_true/.test(note), group});
	}

	return {framework, flags, source: 'catalog', files: [file]};
}

export function catalogHelp(framework: FrameworkName): ParsedHelp {
	let help = cache.get(framework);
	if (help === undefined) {
		const file = catalogFile(framework);
		help = parseCatalog(framework, readFileSync(file, 'utf8'), file);
		cache.set(framework, help);
	}

	return help;
}
