import {posixJoin, posixQuote} from './posix-quote.js';

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

/**
 * The remote shell reads `export NAME='value'` lines from its stdin, then becomes the command: the
 * recipe's `env:` values cross the encrypted channel as data, so neither the local `ssh` argv nor the
 * remote process list (`ps`) ever shows them, and the remote sshd needs no AcceptEnv for them.
 */
export const envFromStdinScript = 'eval "$(cat)" && exec "$@"';

/** What the ssh client writes to the remote command's stdin for `envFromStdinScript`. */
export function envStdin(env: Readonly<Record<string, string>>): string {
	return Object.entries(env)
		.map(([name, value]) => {
			// The recipe schema allows only these names; checked again because the text is eval'd.
			if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`recipe env: ${JSON.stringify(name)} is not an environment variable name`);
			return `export ${name}=${posixQuote(value)}\n`;
		})
		.join('');
}

/**
 * `env` goes inline as `env NAME=value` (the engine's own, non-secret values such as
 * CUDA_VISIBLE_DEVICES, which an operator should see); `stdinEnv` names the entries that cross on
 * stdin instead (see envFromStdinScript; the caller writes `envStdin` of them).
 */
export function sshArgv(
	options: SshOptions,
	remote: readonly string[],
	env: Readonly<Record<string, string>> = {},
	stdinEnv: readonly string[] = [],
): string[] {
	const argv = [options.ssh, '-o', 'BatchMode=yes'];
	for (const option of options.options) argv.push('-o', option);
	for (const name of options.sendEnv) argv.push('-o', `SendEnv=${name}`);
	if (options.port !== null) argv.push('-p', String(options.port));
	if (options.identityFile) argv.push('-i', options.identityFile);
	argv.push(options.user ? `${options.user}@${options.host}` : options.host, '--');
	const envPrefix = Object.entries(env).map(([name, value]) => `${name}=${value}`);
	const command = envPrefix.length > 0 ? ['env', ...envPrefix, ...remote] : [...remote];
	// The remote side is a shell command line: quote every element exactly once.
	argv.push(posixJoin(stdinEnv.length > 0 ? ['sh', '-c', envFromStdinScript, 'sh', ...command] : command));
	return argv;
}
