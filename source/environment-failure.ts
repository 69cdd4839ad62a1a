/**
 * A failure of the machine rather than of the input or the code — the disk filled up, a folder
 * became read-only or vanished mid-run — as one line saying what, where and what to do, instead of
 * a stack trace. Rows already recorded are fsynced one by one, so they survive; resume continues.
 */
const known: Record<string, string> = {
	ENOSPC: 'the disk is full',
	EDQUOT: 'the disk quota is used up',
	EROFS: 'the file system is read-only',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EIO: 'an I/O error',
	EMFILE: 'too many open files',
};

export function environmentFailure(error: unknown): string | null {
	const {code, path, syscall} = (error ?? {}) as NodeJS.ErrnoException;
	if (!code || !known[code]) return null;
	const where = path ? ` at ${path}` : syscall ? ` (${syscall})` : '';
	return `${known[code]} (${code})${where}. Rows already recorded are kept in the run's results.jsonl; fix the cause, then continue with --resume RUN_DIR.`;
}
