import fs from 'node:fs/promises';
import path from 'node:path';
import {UserError} from '../errors.js';

const reasons: Record<string, string> = {
	ENOTDIR: 'a part of its folder path is a file, not a folder',
	EEXIST: 'a part of its folder path is a file, not a folder',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EROFS: 'the file system is read-only',
	ENOSPC: 'the disk is full',
	EISDIR: 'it is a folder',
};

export function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	return (code && reasons[code] ? `${reasons[code]} (${code})` : code) ?? (error as Error).message;
}

/**
 * An output file named by a flag (`--output-file`, `--html`) is checked before any work starts: its
 * folder is created and must be writable, and the path itself must not be a folder. A problem is one
 * message naming the flag and the path, never a stack trace after a long benchmark.
 */
export async function prepareOutputFile(flag: string, file: string): Promise<string> {
	if (file.trim() === '') throw new UserError(`${flag} '': give a file path`, 2);
	const absolute = path.resolve(file);
	const folder = path.dirname(absolute);
	try {
		await fs.mkdir(folder, {recursive: true});
		await fs.access(folder, fs.constants.W_OK);
	} catch (error) {
		throw new UserError(`${flag} ${file}: cannot write in ${folder}: ${describeFsError(error)}. Choose another path.`);
	}

	const stat = await fs.stat(absolute).catch(() => null);
	if (stat?.isDirectory()) throw new UserError(`${flag} ${file}: is a folder; give a file path inside it.`);
	if (stat && !stat.isFile()) throw new UserError(`${flag} ${file}: is not a regular file (a FIFO or device); give a regular file path.`);
	return absolute;
}

/** Write a finished output, turning a late failure (disk full) into a message that names the flag. */
export async function writeOutputFile(flag: string, file: string, text: string): Promise<void> {
	try {
		await fs.writeFile(file, text);
	} catch (error) {
		throw new UserError(`${flag} ${file}: cannot write: ${describeFsError(error)}.`);
	}
}
