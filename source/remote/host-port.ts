import {UsageError} from '../errors.js';

/** `--serve-ws [HOST:]PORT`: 127.0.0.1 unless a host is named ([::1]:7070 for IPv6). */
export function parseHostPort(value: string | number): {host: string; port: number} {
	const text = String(value).trim();
	const match = /^(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/.exec(text);
	const port = match ? Number(match[2]) : Number.NaN;
	if (!match || port > 65_535) {
		throw new UsageError(`--serve-ws: '${text}' is not [HOST:]PORT (e.g. 7070 or 0.0.0.0:7070); use a port from 0 to 65535`);
	}

	const host = match[1]?.replace(/^\[|\]$/g, '') ?? '127.0.0.1';
	return {host, port};
}

export function wsUrl(host: string, port: number): string {
	return `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
