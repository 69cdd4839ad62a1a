import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {Agent, request} from 'node:http';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {parse} from 'yaml';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const windowMs = 3000;
const levels = [100, 200, 300, 400];
const lagGoalMs = 5;

async function freePort(): Promise<number> {
	return new Promise(resolve => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

type Debug = {
	streams: number;
	loop_delay_ms: {mean: number; p50: number; p99: number; max: number};
	deliver_ms: {count: number; mean: number; p99: number; max: number} | null;
};

/** CPU ms a process has used (Linux /proc; NaN elsewhere): the server's cost, whatever else runs. */
function cpuMs(pid: number | undefined): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
			.replace(/^.*\) /, '')
			.split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return Number.NaN;
	}
}

async function getJson<T>(url: string): Promise<T> {
	const response = await fetch(url);
	return (await response.json()) as T;
}

/**
 * Keeps `count` chat streams open against one simulated vLLM server for the window (each client
 * re-requests when its stream ends), counting SSE events only — the client stays cheap so the
 * figure is about the server. Returns tokens received.
 */
async function load(port: number, count: number, until: number): Promise<{tokens: number; errors: number}> {
	const agent = new Agent({keepAlive: true, maxSockets: count + 8});
	const body = JSON.stringify({model: 'Qwen/Qwen3-8B', messages: [{role: 'user', content: 'x'.repeat(2000)}], max_tokens: 256, ignore_eos: true, stream: true});
	let tokens = 0;
	let errors = 0;
	const one = async (): Promise<void> =>
		new Promise(resolve => {
			const req = request(
				{
					host: '127.0.0.1',
					port,
					path: '/v1/chat/completions',
					method: 'POST',
					agent,
					headers: {'content-type': 'application/json', 'content-length': Buffer.byteLength(body)},
				},
				res => {
					res.setEncoding('utf8');
					res.on('data', (chunk: string) => {
						let at = chunk.indexOf('"content":"');
						while (at >= 0) {
							tokens += 1;
							at = chunk.indexOf('"content":"', at + 1);
						}

						if (Date.now() > until) {
							req.destroy();
						}
					});
					res.on('end', resolve);
					res.on('close', resolve);
				},
			);
			req.on('error', () => {
				errors += 1;
				resolve();
			});
			req.end(body);
		});

	await Promise.all(
		Array.from({length: count}, async () => {
			while (Date.now() < until) {
				await one();
			}
		}),
	);
	agent.destroy();
	return {tokens, errors};
}

/**
 * How many concurrent streams one simulated server sustains, and its event-loop lag at that load,
 * measured inside the server (perf_hooks monitorEventLoopDelay, read from /sim/debug). Goal: ≥ 200
 * streams with lag < 5 ms on 2 cores, at the simulated recipe's time scale.
 */
export async function run(): Promise<Record<string, number | string>> {
	const recipe = parse(readFileSync(path.join(root, 'recipes', 'simulated.yaml'), 'utf8')) as {path_prepend: string[]; world: Record<string, unknown>};
	const bin = recipe.path_prepend.map(dir => path.resolve(root, 'recipes', dir));
	const port = await freePort();
	const env = {
		...process.env,
		PATH: [...bin, process.env.PATH].join(path.delimiter),
		LLM_BENCH_SIM_WORLD: JSON.stringify({...recipe.world, startup_wall_s: 0.2}),
		LLM_BENCH_SIM_STATE: mkdtempSync(path.join(tmpdir(), 'sim-bench-')),
	};
	const server = spawn('vllm', ['serve', 'Qwen/Qwen3-8B', '--max-model-len', '8192', '--max-num-seqs', '1024', '--host', '127.0.0.1', '--port', String(port)], {
		env,
		stdio: 'ignore',
	});
	const base = `http://127.0.0.1:${port}`;
	const figures: Record<string, number | string> = {time_scale: Number(recipe.world.time_scale), cpus: (await import('node:os')).availableParallelism()};
	try {
		for (let attempt = 0; attempt < 300; attempt++) {
			try {
				if ((await fetch(`${base}/health`)).status === 200) break;
			} catch {
				// starting
			}

			await sleep(50);
		}

		let sustained = 0;
		for (const streams of levels) {
			await getJson(`${base}/sim/debug?reset`);
			const cpuBefore = cpuMs(server.pid);
			const result = await load(port, streams, Date.now() + windowMs);
			const cpuUsPerToken = ((cpuMs(server.pid) - cpuBefore) * 1000) / Math.max(1, result.tokens);
			const debug = await getJson<Debug>(`${base}/sim/debug?reset`);
			const ok = debug.loop_delay_ms.mean < lagGoalMs && result.errors === 0;
			const work = debug.deliver_ms;
			console.log(
				`${String(streams).padStart(4)} streams: server loop lag mean ${debug.loop_delay_ms.mean} ms, p99 ${debug.loop_delay_ms.p99} ms, max ${debug.loop_delay_ms.max} ms; token delivery per tick mean ${work?.mean} ms, p99 ${work?.p99} ms; ${Math.round(result.tokens / (windowMs / 1000))} tokens/s delivered at ${cpuUsPerToken.toFixed(1)} µs server CPU each, ${result.errors} errors${ok ? '' : '  (over the goal)'}`,
			);
			figures[`deliver_p99_ms_at_${streams}`] = work?.p99 ?? Number.NaN;
			figures[`server_cpu_us_per_token_at_${streams}`] = Number(cpuUsPerToken.toFixed(1));
			figures[`lag_mean_ms_at_${streams}`] = debug.loop_delay_ms.mean;
			figures[`lag_p99_ms_at_${streams}`] = debug.loop_delay_ms.p99;
			figures[`tokens_per_s_at_${streams}`] = Math.round(result.tokens / (windowMs / 1000));
			if (ok) {
				sustained = streams;
			}
		}

		figures.sustained_streams = sustained;
		figures.goal = `>= 200 streams with mean loop lag < ${lagGoalMs} ms`;
		console.log(`sustained: ${sustained} concurrent streams with server event-loop lag < ${lagGoalMs} ms (time_scale ${figures.time_scale})`);
	} finally {
		server.kill('SIGTERM');
	}

	return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	await run();
}
