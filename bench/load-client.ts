import {spawn, type ChildProcess} from 'node:child_process';
import {PerformanceObserver, performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import type {BenchSummary, WorkloadRow} from '../source/bench/bench-types.js';
import {runBenchmark} from '../source/bench/run-benchmark.js';
import {percentile} from '../source/bench/stats.js';

/**
 * How much load the built-in client can generate on this machine. A zero-delay streaming server
 * runs in a SEPARATE process on loopback (so its CPU is not charged to the client); requests carry
 * 32-token id prompts and ask for 32 tokens. Each phase lasts ~1.5–2 s so the script stays < 60 s.
 */

// The whole SSE answer precomputed per output length and written at once: the server costs as
// little CPU as possible, leaving the client as the bottleneck being measured.
const serverSource = `
const http = require('node:http');
const cache = new Map();
function answer(n) {
	let text = '';
	for (let i = 0; i < n; i++) text += 'data: {"id":"x","object":"text_completion","choices":[{"index":0,"text":" t","finish_reason":' + (i === n - 1 ? '"length"' : 'null') + '}]}\\n\\n';
	text += 'data: {"choices":[],"usage":{"prompt_tokens":32,"completion_tokens":' + n + ',"total_tokens":' + (32 + n) + '}}\\n\\ndata: [DONE]\\n\\n';
	return Buffer.from(text);
}
const server = http.createServer((req, res) => {
	let body = '';
	req.setEncoding('utf8');
	req.on('data', d => (body += d));
	req.on('end', () => {
		const n = Number(/"max_tokens":(\\d+)/.exec(body)?.[1] ?? 16);
		let payload = cache.get(n);
		if (!payload) cache.set(n, (payload = answer(n)));
		res.writeHead(200, {'content-type': 'text/event-stream', 'content-length': payload.length});
		res.end(payload);
	});
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

async function startServer(): Promise<{baseUrl: string; child: ChildProcess}> {
	const child = spawn(process.execPath, ['-e', serverSource], {stdio: ['ignore', 'pipe', 'inherit']});
	const port = await new Promise<string>((resolve, reject) => {
		child.once('error', reject);
		child.stdout!.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
	});
	return {baseUrl: `http://127.0.0.1:${port}`, child};
}

const rows = (count: number): WorkloadRow[] =>
	Array.from({length: count}, (_, index) => ({prompt: Array.from({length: 32}, (_, j) => 1000 + ((index + j) % 5000)), output_len: 32, prompt_len: 32}));

/**
 * What else stalled the client during a phase: GC pauses (wall ms, as V8 reports them) and the
 * times the OS took the CPU away (involuntary context switches). On a shared 2-core machine these,
 * not the client's scheduling, decide the p99 send error; printed so a reader can tell.
 */
type Stalls = {gcCount: number; gcMaxMs: number; involuntarySwitchesPerS: number};
type Phase = {summary: BenchSummary; achieved: number; cpuMsPerRequest: number; sendP99Ms: number; sendP50Ms: number; stalls: Stalls};

async function phase(baseUrl: string, rate: number, seconds: number): Promise<Phase> {
	const count = Math.round(rate * seconds);
	const gcs: number[] = [];
	const observer = new PerformanceObserver(list => {
		for (const entry of list.getEntries()) gcs.push(entry.duration);
	});
	observer.observe({entryTypes: ['gc']});
	const switches = process.resourceUsage().involuntaryContextSwitches;
	const began = performance.now();
	const cpu = process.cpuUsage();
	const summary = await runBenchmark({baseUrl, model: 'm', endpoint: '/v1/completions', rows: rows(count), requestRate: rate, seed: 1});
	const used = process.cpuUsage(cpu);
	const stalls = {
		gcCount: gcs.length,
		gcMaxMs: Math.max(0, ...gcs),
		involuntarySwitchesPerS: ((process.resourceUsage().involuntaryContextSwitches - switches) * 1000) / (performance.now() - began),
	};
	observer.disconnect();
	const lateness = summary.records.map(record => record.sentMs - record.scheduledMs);
	return {
		summary,
		achieved: summary.requestThroughput / rate,
		cpuMsPerRequest: (used.user + used.system) / 1000 / count,
		sendP99Ms: percentile(lateness, 99) ?? Number.NaN,
		sendP50Ms: percentile(lateness, 50) ?? Number.NaN,
		stalls,
	};
}

const sustained = (result: Phase): boolean =>
	result.summary.failed === 0 && result.achieved >= 0.99 && (result.summary.latency.p50_ttft_ms ?? Infinity) < 5;

export async function run(): Promise<Record<string, number | string>> {
	const {baseUrl, child} = await startServer();
	const started = performance.now();
	try {
		await phase(baseUrl, 1500, 1); // warm the JIT and the keep-alive pool
		const at100 = await phase(baseUrl, 100, 2);
		const at1000 = await phase(baseUrl, 1000, 2);
		const ladder = [1000, 1500, 1900, 2200, 2500, 2800, 3200, 3600, 4000];
		const ratios: string[] = [];
		let best: {rate: number; result: Phase} | null = null;
		for (const rate of ladder) {
			if (performance.now() - started > 40_000) break;
			const result = await phase(baseUrl, rate, 1.5);
			ratios.push(`${rate}:${(result.achieved * 100).toFixed(1)}%`);
			if (!sustained(result)) break;
			best = {rate, result};
		}
		const figures: Record<string, number | string> = {
			max_sustained_req_per_s: best?.rate ?? 0,
			streamed_tokens_per_s_at_max: Math.round(best?.result.summary.outputTokenThroughput ?? 0),
			median_ttft_ms_at_max: Number((best?.result.summary.latency.p50_ttft_ms ?? Number.NaN).toFixed(2)),
			client_cpu_ms_per_request_at_max: Number((best?.result.cpuMsPerRequest ?? Number.NaN).toFixed(3)),
			achieved_over_requested_at_100: Number(at100.achieved.toFixed(4)),
			achieved_over_requested_at_1000: Number(at1000.achieved.toFixed(4)),
			send_error_p50_ms_at_1000: Number(at1000.sendP50Ms.toFixed(3)),
			send_error_p99_ms_at_1000: Number(at1000.sendP99Ms.toFixed(3)),
			send_error_max_ms_at_1000: Number(Math.max(...at1000.summary.records.map(record => record.sentMs - record.scheduledMs)).toFixed(3)),
			gc_pauses_at_1000: `${at1000.stalls.gcCount} (longest ${at1000.stalls.gcMaxMs.toFixed(1)} ms)`,
			involuntary_switches_per_s_at_1000: Math.round(at1000.stalls.involuntarySwitchesPerS),
			client_cpu_ms_per_request_at_1000: Number(at1000.cpuMsPerRequest.toFixed(3)),
			achieved_by_rate: ratios.join(' '),
		};
		for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(36)} ${value}`);
		return figures;
	} finally {
		child.kill();
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
