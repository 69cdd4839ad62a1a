import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {frameworkAdapter, type FrameworkName} from '../../frameworks/registry.js';
import type {HelpFlag, ParsedHelp} from './parsed-help.js';

const cache = new Map<FrameworkName, ParsedHelp>();

/** The framework's bundled catalog file, or null when it has none (its flags cannot be checked offline). */
export function catalogFile(framework: FrameworkName): string | null {
	const file = frameworkAdapter(framework).help.catalogFile;
	return file === null ? null : fileURLToPath(new URL(`../../frameworks/catalog/${file}`, import.meta.url));
}

/**
 * The bundled known-flag list (`## Group` headers, one option per line, `# alias` / `# store_true`
 * / `# is_flag` notes). It does not know which options take values, so callers only check names
 * against it; `takesValue` is a best guess from the notes.
 */
export function parseCatalog(framework: FrameworkName, text: string, file: string): ParsedHelp {
	const dialect = frameworkAdapter(framework).help;
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
		flags.set(name, {takesValue: !isSwitch, choices: null, negatable: dialect.catalogNegatable(note), group});
	}

	return {framework, flags, source: 'catalog', files: [file]};
}

export function catalogHelp(framework: FrameworkName): ParsedHelp | null {
	let help = cache.get(framework);
	if (help === undefined) {
		const file = catalogFile(framework);
		if (file === null) return null;
		help = parseCatalog(framework, readFileSync(file, 'utf8'), file);
		cache.set(framework, help);
	}

	return help;
}
