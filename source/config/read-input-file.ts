import fs from 'node:fs';

/** Plans and recipes are small hand-written files: anything larger is a mistake (or an attack). */
export const maxInputFileBytes = 4 * 1024 * 1024;

export type InputFile = {ok: true; text: string} | {ok: false; reason: string};

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * What is wrong with reading `file` as a small text input, or null. Checked before opening: a FIFO
 * or a device would block the read forever (or never end), a huge file would take seconds and
 * gigabytes to parse.
 */
function problem(stat: fs.Stats | null, error: NodeJS.ErrnoException | null, maxBytes: number): string | null {
	if (!stat)
		return error?.code === 'ENOENT' ? 'no such file' : error?.code === 'EACCES' ? 'permission denied' : `cannot read it (${error?.code ?? error?.message})`;
	if (stat.isDirectory()) return 'it is a directory, not a regular file';
	if (!stat.isFile()) return 'not a regular file (a FIFO, socket or device would block or never end); give a file';
	if (stat.size > maxBytes) return `it is ${mib(stat.size)}; a plan or recipe is at most ${mib(maxBytes)}`;
	return null;
}

export async function readInputFile(file: string, maxBytes = maxInputFileBytes): Promise<InputFile> {
	let stat: fs.Stats | null = null;
	let error: NodeJS.ErrnoException | null = null;
	try {
		stat = await fs.promises.stat(file);
	} catch (caught) {
		error = caught as NodeJS.ErrnoException;
	}

	const reason = problem(stat, error, maxBytes);
	if (reason) return {ok: false, reason};
	try {
		return {ok: true, text: await fs.promises.readFile(file, 'utf8')};
	} catch (caught) {
		return {ok: false, reason: `cannot read it (${(caught as NodeJS.ErrnoException).code ?? (caught as Error).message})`};
	}
}

export function readInputFileSync(file: string, maxBytes = maxInputFileBytes): InputFile {
	let stat: fs.Stats | null = null;
	let error: NodeJS.ErrnoException | null = null;
	try {
		stat = fs.statSync(file);
	} catch (caught) {
		error = caught as NodeJS.ErrnoException;
	}

	const reason = problem(stat, error, maxBytes);
	if (reason) return {ok: false, reason};
	try {
		return {ok: true, text: fs.readFileSync(file, 'utf8')};
	} catch (caught) {
		return {ok: false, reason: `cannot read it (${(caught as NodeJS.ErrnoException).code ?? (caught as Error).message})`};
	}
}
