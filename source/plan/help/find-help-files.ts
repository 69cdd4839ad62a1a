import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {frameworkAdapter, frameworkNames, type FrameworkName} from '../../frameworks/registry.js';

/** Benchmark-client captures (`<framework>_bench_serve_all.txt`) share words with server ones. */
const notServerHelp = /bench|sweep/i;

/**
 * Help captures in `dir` (recursively) matched to frameworks by file name (each adapter's
 * CliAdapter.helpFilePattern). Sorted for stable output.
 */
export async function findHelpFiles(dir: string): Promise<Map<FrameworkName, string[]>> {
	const found = new Map<FrameworkName, string[]>();
	const entries = await readdir(dir, {recursive: true, withFileTypes: true});
	const files = entries
		.filter(entry => entry.isFile())
		.map(entry => path.join(entry.parentPath, entry.name))
		.sort();
	for (const file of files) {
		const name = path.basename(file);
		if (notServerHelp.test(name)) {
			continue;
		}

		for (const framework of frameworkNames) {
			if (frameworkAdapter(framework).cli.helpFilePattern.test(name)) {
				found.set(framework, [...(found.get(framework) ?? []), file]);
			}
		}
	}

	return found;
}
