import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import {parse} from 'yaml';
import type {RequestRecord} from '../source/bench/bench-types.js';
import {runBenchmark} from '../source/bench/run-benchmark.js';
import {percentile} from '../source/bench/stats.js';
import {planFor} from '../source/sim/launch/plan-for.js';
import {simulate} from '../source/sim/perf/simulate.js';
import {parseWorld} from '../source/sim/world.js';

/**
 * The simulated box's own noise (issue 13 item 6): how far the latencies a client measures against
 * a simulated server stray from what the performance model says for the very same arrivals. The
 * model (perf/simulate.ts) is exact and deterministic; every millisecond of difference is the
 * simulator's or the host's: timer granularity, event-loop work, CPU contention, all multiplied by
 * 1 / time_scale when the client converts wall time to server time.
 *
 * One simulated vLLM server per time scale, 64 requests (512-token id prompts, 128 tokens out) at
 * a fixed rate, on a quiet machine and with one core kept busy. Printed per condition: the median
 * and p90 absolute TTFT error, the TPOT error, and the error of the p90s an SLA is decided on.
 * `npm run bench -- sim-noise` (~1 min). Never part of the test suite.
 */

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const promptTokens = 512;
const outputTokens = 128;
const requests = 64;
const rate = 8;

async function freePort(): Promise<number> {
	return new Promise(resolve => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

const serverArgs = (port: number) => [
	'Qwen/Qwen3-8B',
	'--gpu-memory-utilization',
	'0.9',
	'--max-model-len',
	'4096',
	'--host',
	'127.0.0.1',
	'--port',
	String(port),
];

async function startServer(world: Record<string, unknown>, state: string): Promise<{child: ChildProcess; base: string}> {
	const recipe = parse(readFileSync(path.join(root, 'recipes', 'simulated.yaml'), 'utf8')) as {path_prepend: string[]};
	const bin = recipe.path_prepend.map(dir => path.resolve(root, 'recipes', dir));
	const port = await freePort();
	const child = spawn('vllm', ['serve', ...serverArgs(port)], {
		env: {...process.env, PATH: [...bin, process.env.PATH].join(path.delimiter), LLM_BENCH_SIM_WORLD: JSON.stringify(world), LLM_BENCH_SIM_STATE: state},
		stdio: 'ignore',
	});
	const base = `http://127.0.0.1:${port}`;
	for (let attempt = 0; attempt < 400; attempt++) {
		try {
			if ((await fetch(`${base}/health`)).status === 200) return {child, base};
		} catch {
			// starting
		}
		await sleep(50);
	}
	child.kill('SIGTERM');
	throw new Error('the simulated server did not become ready');
}

type Errors = {ttftMedianMs: number; ttftP90Ms: number; tpotMedianMs: number; p90TtftErrorMs: number; p90TpotErrorMs: number; sendP99Ms: number};

/** Measured vs model for the same arrivals (the client's actual send times, in server time). */
export function compare(records: readonly RequestRecord[], world: Record<string, unknown>): Errors {
	const resolution = planFor('vllm', serverArgs(8000), parseWorld(JSON.stringify(world)), mkdtempSync(path.join(os.tmpdir(), 'sim-noise-plan-')));
	if (!resolution.ok) throw new Error('the probe server would not start');
	const ok = records.filter(record => record.success && record.ttftMs !== null && record.e2eMs !== null);
	const model = simulate(
		resolution.plan.config,
		ok.map(record => ({atS: record.sentMs / 1000, promptTokens, outputTokens})),
	);
	const measuredTtft = ok.map(record => record.ttftMs!);
	const measuredTpot = ok.map(record => (record.e2eMs! - record.ttftMs!) / (outputTokens - 1));
	const modelTtft = model.ttftS.map(s => s * 1000);
	const modelTpot = model.meanItlS.map(s => s * 1000);
	const ttftError = measuredTtft.map((value, index) => Math.abs(value - modelTtft[index]!));
	const tpotError = measuredTpot.map((value, index) => Math.abs(value - modelTpot[index]!));
	return {
		ttftMedianMs: percentile(ttftError, 50) ?? Number.NaN,
		ttftP90Ms: percentile(ttftError, 90) ?? Number.NaN,
		tpotMedianMs: percentile(tpotError, 50) ?? Number.NaN,
		p90TtftErrorMs: (percentile(measuredTtft, 90) ?? Number.NaN) - (percentile(modelTtft, 90) ?? Number.NaN),
		p90TpotErrorMs: (percentile(measuredTpot, 90) ?? Number.NaN) - (percentile(modelTpot, 90) ?? Number.NaN),
		sendP99Ms: percentile(
			records.map(record => record.sentMs - record.scheduledMs),
			99,
		)!,
	};
}

async function probe(timeScale: number, busy: boolean): Promise<Errors> {
	const world = {gpu_model: 'H100-80GB', gpu_count: 1, time_scale: timeScale, seed: 1, startup_wall_s: 0.1};
	const state = mkdtempSync(path.join(os.tmpdir(), 'sim-noise-'));
	const spinner = busy ? spawn(process.execPath, ['-e', 'for(;;){}'], {stdio: 'ignore'}) : null;
	const {child, base} = await startServer(world, state);
	try {
		const rows = Array.from({length: requests}, (_, index) => ({
			prompt: Array.from({length: promptTokens}, (_, j) => 1000 + ((index * 7919 + j) % 30_000)),
			prompt_len: promptTokens,
			output_len: outputTokens,
		}));
		const summary = await runBenchmark({
			baseUrl: base,
			model: 'Qwen/Qwen3-8B',
			endpoint: '/v1/completions',
			rows,
			requestRate: rate,
			seed: 1,
			warmupRequests: 2,
			timeScale,
		});
		return compare(summary.records, world);
	} finally {
		child.kill('SIGTERM');
		spinner?.kill('SIGKILL');
		rmSync(state, {recursive: true, force: true});
	}
}

const f = (value: number) => Number(value.toFixed(2));

export async function run(): Promise<Record<string, number | string>> {
	const scales = (process.env.BENCH_SIM_NOISE_SCALES ?? '0.15,0.3').split(',').map(Number);
	const figures: Record<string, number | string> = {
		workload: `${requests} requests at ${rate} req/s, ${promptTokens} prompt / ${outputTokens} output tokens, simulated vLLM Qwen3-8B on one H100`,
		conditions: `load average ${os.loadavg()[0]!.toFixed(1)} at start on ${os.cpus().length} CPUs`,
	};
	for (const scale of scales) {
		for (const busy of [false, true]) {
			const errors = await probe(scale, busy);
			const key = `scale_${scale}_${busy ? 'busy' : 'quiet'}`;
			figures[key] =
				`|TTFT error| median ${f(errors.ttftMedianMs)} ms, p90 ${f(errors.ttftP90Ms)} ms; |TPOT error| median ${f(errors.tpotMedianMs)} ms; ` +
				`p90 TTFT ${errors.p90TtftErrorMs >= 0 ? '+' : ''}${f(errors.p90TtftErrorMs)} ms, p90 TPOT ${errors.p90TpotErrorMs >= 0 ? '+' : ''}${f(errors.p90TpotErrorMs)} ms vs the model; send p99 ${f(errors.sendP99Ms)} ms`;
			console.log(`${key.padEnd(18)} ${figures[key]}`);
		}
	}
	figures.conditions_end = `load average ${os.loadavg()[0]!.toFixed(1)} at end`;
	return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
