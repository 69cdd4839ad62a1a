import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';

/** PATH arguments → config files: a directory contributes every *.yaml / *.yml inside, recursively. */
export async function expandConfigPaths(paths: readonly string[]): Promise<{files: string[]; missing: string[]}> {
	const files: string[] = [];
	const missing: string[] = [];
	for (const given of paths) {
		let isDirectory: boolean;
		try {
			isDirectory = (await stat(given)).isDirectory();
		} catch {
			missing.push(given);
			continue;
		}

		if (!isDirectory) {
			files.push(given);
			continue;
		}

		const entries = await readdir(given, {recursive: true, withFileTypes: true});
		files.push(
			...entries
				.filter(entry => entry.isFile() && /\.ya?ml$/i.test(entry.name))
				.map(entry => path.join(entry.parentPath, entry.name))
				.sort(),
		);
	}

	return {files: [...new Set(files)], missing};
}
