import {posixJoin} from './posix-quote.js';

/** Pure argv rewriting for a remote host; BatchMode so a missing key fails instead of prompting. */
export type SshOptions = {
	readonly ssh: string;
	readonly host: string;
	readonly user: string | null;
	readonly port: number | null;
	readonly identityFile: string | null;
	/** Extra `-o Key=Value` options (e.g. StrictHostKeyChecking=accept-new). */
	readonly options: readonly string[];
	/** Secrets forwarded by name; the remote sshd must AcceptEnv them. */
	readonly sendEnv: readonly string[];
};

export function sshArgv(options: SshOptions, remote: readonly string[], env: Readonly<Record<string, string>> = {}): string[] {
	const argv = [options.ssh, '-o', 'BatchMode=yes'];
	for (const option of options.options) argv.push('-o', option);
	for (const name of options.sendEnv) argv.push('-o', `SendEnv=${name}`);
	if (options.port !== null) argv.push('-p', String(options.port));
	if (options.identityFile) argv.push('-i', options.identityFile);
	argv.push(options.user ? `${options.user}@${options.host}` : options.host, '--');
	const envPrefix = Object.entries(env).map(([name, value]) => `${name}=${value}`);
	// The remote side is a shell command line: quote every element exactly once.
	argv.push(posixJoin(envPrefix.length > 0 ? ['env', ...envPrefix, ...remote] : remote));
	return argv;
}
