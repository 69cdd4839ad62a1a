import type {Flags} from '../config/plan.js';

/**
 * A value the load client needs but nothing may print: JSON, string conversion and util.inspect
 * all give the redaction mark, so the key cannot leak into a row, an event or a log by accident.
 * Only `reveal()` (the HTTP header) reads it.
 */
export class SecretValue {
	readonly #value: string;
	constructor(value: string) {
		this.#value = value;
	}

	reveal(): string {
		return this.#value;
	}

	toString(): string {
		return '[REDACTED]';
	}

	toJSON(): string {
		return '[REDACTED]';
	}

	[Symbol.for('nodejs.util.inspect.custom')](): string {
		return '[REDACTED]';
	}
}

/**
 * How a client reaches the server a candidate's flags describe. The same snake-case keys in all
 * three frameworks (`--port`/`--host`/`--served-model-name`/`--api-key`; TensorRT-LLM
 * `--served_model_name`): a port set there is where the server listens (polling another one waits
 * out the readiness timeout), the served name is the model clients must send (vLLM answers 404
 * to any other), and a server started with an API key refuses requests without it (401).
 */
export type ServerAccess = {
	readonly port: number | null;
	readonly host: string | null;
	readonly servedModel: string | null;
	readonly apiKey: SecretValue | null;
};

export function serverAccess(flags: Flags): ServerAccess {
	const port = flags.port;
	const host = flags.host;
	const served = flags.served_model_name;
	const key = flags.api_key;
	const name = Array.isArray(served) ? served[0] : served;
	return {
		port: typeof port === 'number' && Number.isInteger(port) ? port : typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : null,
		host: typeof host === 'string' && host !== '' ? host : null,
		servedModel: typeof name === 'string' && name !== '' ? name : null,
		apiKey: typeof key === 'string' && key !== '' ? new SecretValue(key) : null,
	};
}

/** Where the client connects: a wildcard or loopback bind is reached through the executor's host. */
export function connectHostFor(access: ServerAccess, executorHost: string): string {
	if (access.host === null || ['0.0.0.0', '::', '[::]', '127.0.0.1', 'localhost', '::1'].includes(access.host)) return executorHost;
	return access.host.includes(':') ? `[${access.host}]` : access.host;
}
