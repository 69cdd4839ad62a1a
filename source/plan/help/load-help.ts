import {readFile} from 'node:fs/promises';
import {frameworkLabel, frameworkNames, type FrameworkName} from '../../frameworks/registry.js';
import {catalogHelp} from './catalog-help.js';
import {findHelpFiles} from './find-help-files.js';
import {parseHelp, unusableHelpReason} from './parse-help.js';
import type {HelpFlag, ParsedHelp} from './parsed-help.js';

export type HelpSet = {
	readonly byFramework: ReadonlyMap<FrameworkName, ParsedHelp>;
	/** One line per framework saying what its flags were checked against, and why. */
	readonly notes: readonly string[];
};

/**
 * Per framework, the accepted flags from captured help in `helpDir` (every usable matching file,
 * merged) or else from the bundled catalog — and a note saying which, so nobody mistakes a
 * catalog check for a check against the target environment.
 */
export async function loadHelpSet(helpDir: string | null): Promise<HelpSet> {
	const files = helpDir === null ? new Map<FrameworkName, string[]>() : await findHelpFiles(helpDir);
	const byFramework = new Map<FrameworkName, ParsedHelp>();
	const notes: string[] = [];
	for (const framework of frameworkNames) {
		const label = frameworkLabel(framework);
		const flags = new Map<string, HelpFlag>();
		const used: string[] = [];
		for (const file of files.get(framework) ?? []) {
			const text = await readFile(file, 'utf8');
			const parsed = parseHelp(framework, text, [file]);
			const unusable = unusableHelpReason(framework, text, parsed);
			if (unusable === null) {
				for (const [name, flag] of parsed.flags) {
					flags.set(name, flag);
				}

				used.push(file);
			} else {
				notes.push(`${label}: ignored ${file}: ${unusable}`);
			}
		}

		if (used.length > 0) {
			byFramework.set(framework, {framework, flags, source: 'help', files: used});
			notes.push(`${label}: flags checked against captured help ${used.join(', ')} (${flags.size} options)`);
		} else {
			const catalog = catalogHelp(framework);
			const why = helpDir === null ? 'no --help-dir given' : `no usable ${label} help file in ${helpDir}`;
			// Without a catalog there is nothing to check against; the plan check says so where the
			// framework is used (check-plan-file.ts), not for every plan.
			if (catalog !== null) {
				byFramework.set(framework, catalog);
				notes.push(`${label}: flags checked against the bundled catalog (${why}); capture the target's help for a real check`);
			}
		}
	}

	return {byFramework, notes};
}
