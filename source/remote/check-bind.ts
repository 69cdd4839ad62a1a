import net from 'node:net';
import {UserError} from '../errors.js';
import {parseHostPort} from './host-port.js';

const hints: Record<string, string> = {
	EADDRINUSE: 'the port is in use; choose another (or 0 for any free port)',
	EADDRNOTAVAIL: "that address is not one of this machine's; use 127.0.0.1 (default) or 0.0.0.0",
	EACCES: 'ports below 1024 need privileges; choose a port above 1024',
	ENOTFOUND: 'the host name does not resolve; use an IP address of this machine',
};

export function bindProblem(value: string, error: NodeJS.ErrnoException): UserError {
	const hint = (error.code && hints[error.code]) ?? error.message;
	return new UserError(`--serve-ws ${value}: cannot listen there (${error.code ?? 'error'}): ${hint}`, 2);
}

/**
 * `--serve-ws` is checked before the run starts: a port already taken or an address that is not
 * local fails now, with a message, instead of after preflight or as a stack trace.
 */
export async function checkCanListen(value: string): Promise<void> {
	const {host, port} = parseHostPort(value);
	await new Promise<void>((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', (error: NodeJS.ErrnoException) => reject(bindProblem(value, error)));
		probe.listen({host, port, exclusive: true}, () => probe.close(() => resolve()));
	});
}
