import fs from 'node:fs';
import path from 'node:path';
import {killGroup} from './local-process.js';

function alive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** On Linux, whether `pid` still runs `command`; elsewhere (no /proc) trust the record. */
function runs(pid: number, command: string): boolean {
	try {
		const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
		return argv.some(arg => path.basename(arg) === path.basename(command));
	} catch (error) {
		return (error as NodeJS.ErrnoException).code !== 'ENOENT' && !fs.existsSync('/proc/self');
	}
}

/**
 * Stop the process group a killed run left behind (SIGTERM, then SIGKILL after `graceMs`). A pid
 * that now runs something else has been reused and is left alone. Resolves true when it stopped one.
 */
export async function stopLeftoverGroup(pid: number | null, command: string, graceMs = 5000): Promise<boolean> {
	if (pid === null || !alive(pid) || !runs(pid, command)) return false;
	killGroup(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (alive(pid) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 100));
	if (alive(pid)) killGroup(pid, 'SIGKILL');
	return true;
}
