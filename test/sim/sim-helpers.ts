import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {parse} from 'yaml';

const recipesDir = fileURLToPath(new URL('../../recipes/', import.meta.url));

/** PATH exactly as the simulated recipe builds it: its path_prepend, resolved against the recipe's folder. */
export function recipePath(): string {
	const recipe = parse(readFileSync(path.join(recipesDir, 'simulated.yaml'), 'utf8')) as {path_prepend: string[]};
	return [...recipe.path_prepend.map(dir => path.resolve(recipesDir, dir)), process.env.PATH ?? ''].join(path.delimiter);
}

export type SimEnv = NodeJS.ProcessEnv & {LLM_BENCH_SIM_STATE: string};

export function simEnv(world: Record<string, unknown>): SimEnv {
	// Unset, not empty: CUDA reads an empty CUDA_VISIBLE_DEVICES as "no GPU", and so does the box.
	const {CUDA_VISIBLE_DEVICES: _inherited, ...inherited} = process.env;
	return {
		...inherited,
		PATH: recipePath(),
		LLM_BENCH_SIM_WORLD: JSON.stringify({startup_wall_s: 0.3, ...world}),
		LLM_BENCH_SIM_STATE: mkdtempSync(path.join(tmpdir(), 'sim-state-')),
	};
}

export type RunResult = {code: number | null; stdout: string; stderr: string};

/** Runs a command by name through the recipe's PATH; the simulated CLIs exit by themselves here. */
export async function runCommand(command: string, args: readonly string[], env: SimEnv, timeoutMs = 60_000): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
	});
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export type Launched = {child: ChildProcess; log: () => string; exited: Promise<number | null>};

export function launch(command: string, args: readonly string[], env: SimEnv): Launched {
	const child = spawn(command, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
	let log = '';
	child.stdout!.setEncoding('utf8').on('data', (d: string) => (log += d));
	child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
	const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	return {child, log: () => log, exited};
}

/** Polls until `path` answers 200; records every status seen on the way (SGLang's 503 while warming). */
export async function waitReady(baseUrl: string, launched: Launched, timeoutMs = 60_000): Promise<number[]> {
	const seen: number[] = [];
	const deadline = Date.now() + timeoutMs;
	let exited = false;
	void launched.exited.then(() => {
		exited = true;
	});
	while (Date.now() < deadline && !exited) {
		try {
			const response = await fetch(`${baseUrl}/health`);
			seen.push(response.status);
			if (response.status === 200) {
				return seen;
			}
		} catch {
			// not listening yet
		}

		await new Promise(resolve => setTimeout(resolve, 25));
	}

	throw new Error(`server not ready: ${launched.log()}`);
}

export type StreamTiming = {contentTimesMs: number[]; events: unknown[]; startMs: number};

/** Streams a request and timestamps each SSE event that carries content. */
export async function streamRequest(url: string, body: unknown): Promise<StreamTiming> {
	const startMs = performance.now();
	const response = await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
	if (!response.ok || !response.body) {
		throw new Error(`HTTP ${response.status}: ${await response.text()}`);
	}

	const contentTimesMs: number[] = [];
	const events: unknown[] = [];
	const decoder = new TextDecoder();
	let buffer = '';
	for await (const chunk of response.body) {
		const now = performance.now();
		buffer += decoder.decode(chunk as Uint8Array, {stream: true});
		let split: number;
		while ((split = buffer.indexOf('\n\n')) >= 0) {
			const event = buffer.slice(0, split).trim();
			buffer = buffer.slice(split + 2);
			if (!event.startsWith('data:')) {
				continue;
			}

			const data = event.slice(5).trim();
			if (data === '[DONE]') {
				events.push('[DONE]');
				continue;
			}

			const parsed = JSON.parse(data) as {choices?: Array<{delta?: {content?: string}; text?: string}>};
			events.push(parsed);
			const choice = parsed.choices?.[0];
			if ((choice?.delta?.content ?? choice?.text ?? '') !== '') {
				contentTimesMs.push(now);
			}
		}
	}

	return {contentTimesMs, events, startMs};
}

export async function stop(launched: Launched): Promise<number | null> {
	launched.child.kill('SIGTERM');
	return launched.exited;
}
