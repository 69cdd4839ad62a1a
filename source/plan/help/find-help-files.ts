import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {cliAdapters} from '../../frameworks/cli-registry.js';
import {frameworkNames, type FrameworkName} from '../../frameworks/framework-name.js';

/** Benchmark-client captures (`vllm_bench_serve_all.txt`) share words with server ones. */
const notServerHelp = /bench|sweep/i;

/**
 * Help captures in `dir` (recursively) matched to frameworks by file name: `sglang*launch*`,
 * `vllm*serve*`, `trtllm*serve*` (also `tensorrt_llm*serve*`). Sorted for stable output.
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
			if (cliAdapters[framework].helpFilePattern.test(name)) {
				found.set(framework, [...(found.get(framework) ?? []), file]);
			}
		}
	}

	return found;
}
