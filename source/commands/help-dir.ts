import fs from 'node:fs/promises';
import {UserError} from '../errors.js';
import {helpFileGlobs} from '../frameworks/registry.js';

/** `--help-dir DIR` must be a folder: a missing one is a message, not a scandir stack trace. */
export async function checkHelpDir(dir: string | undefined): Promise<string | null> {
	if (dir === undefined) return null;
	const stat = await fs.stat(dir).catch(() => null);
	if (!stat) throw new UserError(`--help-dir ${dir}: no such folder. Give the folder holding the captured --help files (${helpFileGlobs}).`);
	if (!stat.isDirectory()) throw new UserError(`--help-dir ${dir}: is a file, not a folder of captured --help files.`);
	return dir;
}
