import fs from 'node:fs';
import path from 'node:path';
import type {RuntimeAdapter} from '../frameworks/adapter.js';
import type {Executor, ExitInfo, LaunchSpec, ServerProcess} from '../executors/executor.js';
import type {Bus} from './bus.js';
import type {Redactor} from './redact.js';
import {classifyFailure, healthTimeout, type Failure} from './classify-failure.js';
import {loadProgress} from './load-progress.js';
import type {ServerRegistry} from './server-registry.js';
import type {SecretValue} from './server-access.js';

export type RunningServer = {
	readonly process: ServerProcess;
	readonly baseUrl: string;
	/** The GPUs it holds (its placement's); null = not pinned. */
	readonly gpuIds: readonly number[] | null;
	/** The model name clients send (the served name when the flags set one). */
	readonly model?: string;
	/** The server's API key when its flags set one; printing it prints the redaction mark. */
	readonly apiKey?: SecretValue;
	/** The last lines of the log (for failure classification after readiness). */
	tail(): string[];
	stop(): Promise<void>;
};

export type LaunchResult = {ok: true; server: RunningServer} | {ok: false; failure: Failure; server: RunningServer};

export type LaunchOptions = {
	readonly executor: Executor;
	readonly runtime: RuntimeAdapter;
	readonly spec: LaunchSpec;
	readonly baseUrl: string;
	readonly candidateId: string;
	readonly logFile: string;
	readonly redact: Redactor;
	readonly bus: Bus;
	readonly readyTimeoutMs: number;
	readonly pollMs?: number;
	readonly signal: AbortSignal;
	/** Where the launch is recorded until it is stopped (for `--resume` after a kill -9). */
	readonly registry?: ServerRegistry;
	readonly model?: string;
	readonly apiKey?: SecretValue;
};

const tailSize = 300;

async function answers(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, {signal: AbortSignal.timeout(2000)});
		await response.body?.cancel();
		return response.status === 200;
	} catch {
		return false;
	}
}

/**
 * Start a server and wait until it is ready by the framework's own signals (ready log line,
 * health route 200), its exit (classified from the log tail) or the timeout.
 * The log goes to server.log (redacted) and, batched, to `server-log` events.
 */
export async function launchServer(options: LaunchOptions): Promise<LaunchResult> {
	const {bus, candidateId, redact} = options;
	fs.mkdirSync(path.dirname(options.logFile), {recursive: true});
	const log = fs.openSync(options.logFile, 'a');
	const tail: string[] = [];
	let pending: string[] = [];
	let sawReadyLine = false;
	let ready = false;
	let lastProgress: string | null = null;
	const proc = options.executor.launch(options.spec);
	options.registry?.add({
		name: options.spec.name,
		framework: options.spec.framework,
		candidateId,
		pid: proc.pid ?? null,
		command: options.executor.describeLaunch(options.spec)[0] ?? '',
	});
	const flush = () => {
		if (pending.length === 0) return;
		const lines = pending.map(line => redact(line));
		pending = [];
		fs.writeSync(log, `${lines.join('\n')}\n`);
		bus.emit({type: 'server-log', candidateId, lines: lines.slice(-20)});
	};

	const flusher = setInterval(flush, 500);
	proc.onLine(line => {
		tail.push(line);
		if (tail.length > tailSize) tail.shift();
		pending.push(line);
		if (options.runtime.readyLogPattern.test(line)) sawReadyLine = true;
		// Weight loading takes minutes on real models: show its progress while `loading`.
		const progress = ready ? null : loadProgress(line);
		if (progress !== null && progress !== lastProgress) {
			lastProgress = progress;
			bus.emit({type: 'server-phase', candidateId, phase: 'loading', detail: progress});
		}
	});
	let exit: ExitInfo | null = null;
	void proc.exited.then(info => (exit = info));
	let stopped: Promise<void> | null = null;
	const server: RunningServer = {
		process: proc,
		baseUrl: options.baseUrl,
		gpuIds: options.spec.gpuIds,
		...(options.model === undefined ? {} : {model: options.model}),
		...(options.apiKey === undefined ? {} : {apiKey: options.apiKey}),
		tail: () => [...tail],
		async stop() {
			stopped ??= (async () => {
				await proc.stop();
				options.registry?.remove(options.spec.name);
				clearInterval(flusher);
				flush();
				fs.closeSync(log);
			})();
			return stopped;
		},
	};

	bus.emit({type: 'server-phase', candidateId, phase: 'loading'});
	const started = Date.now();
	const pollMs = options.pollMs ?? 500;
	const health = `${options.baseUrl}${options.runtime.healthPath}`;
	for (;;) {
		if (options.signal.aborted) {
			await server.stop();
			return {ok: false, server, failure: {status: 'failed', kind: 'stopped', reason: 'stopped before it was ready', hint: null}};
		}

		if (exit !== null) {
			await server.stop();
			return {ok: false, server, failure: classifyFailure(exit, tail, options.runtime.failurePatterns)};
		}

		// Ready = the framework's health route answers 200. Not /v1/models: SGLang serves it during
		// warm-up while /health still answers 503. The ready line alone is not enough for clients.
		if ((sawReadyLine || Date.now() - started > 1000) && (await answers(health))) {
			flush();
			ready = true;
			bus.emit({type: 'server-phase', candidateId, phase: 'ready'});
			return {ok: true, server};
		}

		if (Date.now() - started > options.readyTimeoutMs) {
			await server.stop();
			return {ok: false, server, failure: healthTimeout(options.readyTimeoutMs / 1000, tail)};
		}

		await new Promise(resolve => setTimeout(resolve, pollMs));
	}
}
