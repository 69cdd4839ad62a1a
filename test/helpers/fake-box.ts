import http from 'node:http';
import path from 'node:path';
import type {BenchOptions, BenchSummary, RequestRecord} from '../../source/bench/bench-types.js';
import {arrivalOffsetsMs} from '../../source/bench/arrivals.js';
import {summarize} from '../../source/bench/metrics.js';
import type {EngineDeps} from '../../source/engine/engine-deps.js';
import type {Executor, ExitInfo, LaunchSpec, ServerProcess} from '../../source/executors/executor.js';
import {recipeExecutor} from '../../source/executors/recipe-executor.js';
import type {LoadedRecipe} from '../../source/recipes/recipe-schema.js';
import {planFor} from '../../source/sim/launch/plan-for.js';
import {startupCosts} from '../../source/sim/launch/startup-costs.js';
import {uvicornLines} from '../../source/sim/launch/log-format.js';
import {weightLoading} from '../../source/sim/launch/weight-loading.js';
import type {EngineConfig, SimFramework} from '../../source/sim/perf/engine-config.js';
import {simulate} from '../../source/sim/perf/simulate.js';
import {parseWorld, worldEnv} from '../../source/sim/world.js';

/**
 * The simulated box without its clock (issue 16's evaluation and the adaptive tests): commands
 * (help, versions, nvidia-smi) run on the real simulated box; a launch resolves the server
 * arguments with the sim's own launch plan (same start-up failures, same memory plan) and answers
 * health and models in-process; a benchmark runs the sim's latency model (`simulate`) over the
 * same Poisson arrivals the real client would send. Time is virtual: each launch advances it by
 * the sim's restart cost (weights at `weight_load_gbps`, graph capture, compile, warm-up), each
 * benchmark by the simulated makespan; the engine's cost ledger reads that clock. So the engine,
 * the search and the report are the real code, and a run of many candidates takes seconds.
 */

export type FakeBox = {
	readonly executor: Executor;
	readonly deps: Partial<EngineDeps>;
	/** Virtual seconds so far. */
	readonly now: () => number;
	readonly launches: string[];
};

const frameworkOf = (argv: readonly string[]): {framework: SimFramework; args: string[]} => {
	if (argv[0] === 'vllm') return {framework: 'vllm', args: argv.slice(2)};
	if (argv[0] === 'trtllm-serve') return {framework: 'tensorrt_llm', args: argv.slice(2)};
	const at = argv.indexOf('sglang.launch_server');
	if (at >= 0) return {framework: 'sglang', args: argv.slice(at + 1)};
	if (argv[0] === 'sglang') return {framework: 'sglang', args: argv.slice(2)};
	throw new Error(`fake box: cannot launch ${argv.join(' ')}`);
};

export function fakeBox(recipe: LoadedRecipe, env: NodeJS.ProcessEnv, stateDir: string): FakeBox {
	const worldJson = JSON.stringify(recipe.recipe.kind === 'simulated' ? (recipe.recipe.world ?? {}) : {});
	const world = parseWorld(worldJson);
	const real = recipeExecutor(recipe, {...env, [worldEnv]: worldJson}, stateDir);
	let clock = 0;
	const launches: string[] = [];
	const servers = new Map<number, {config: EngineConfig; kvTokens: number}>();

	const launch = (spec: LaunchSpec): ServerProcess => {
		launches.push(spec.name);
		const {framework, args} = frameworkOf(spec.argv);
		const resolution = planFor(framework, args, world, path.join(stateDir, 'fake'));
		const listeners: Array<(line: string) => void> = [];
		const lines: string[] = [];
		const emit = (line: string) => {
			lines.push(line);
			for (const listener of listeners) listener(line);
		};
		let resolveExit!: (info: ExitInfo) => void;
		const exited = new Promise<ExitInfo>(resolve => (resolveExit = resolve));
		let server: http.Server | null = null;
		let port = 0;
		if (!resolution.ok) {
			// A start-up failure still costs the time to get there (imports, config, memory profiling).
			clock += 20;
			setImmediate(() => {
				for (const line of [...resolution.failure.logBefore, ...resolution.failure.errorLines]) emit(line);
				resolveExit({code: resolution.failure.exitCode, signal: null});
			});
		} else {
			const {plan} = resolution;
			const costs = world.startup_costs ? startupCosts(plan.config) : {captureS: 0, compileS: 0, warmupS: 0};
			clock += 10 + (weightLoading(plan.memory.weightsGiB, world.weight_load_gbps)?.simSeconds ?? 0) + costs.captureS + costs.compileS + costs.warmupS;
			port = plan.port;
			servers.set(port, {config: plan.config, kvTokens: plan.memory.kvTokens});
			server = http.createServer((request, response) => {
				const body = request.url?.startsWith('/v1/models') ? JSON.stringify({object: 'list', data: [{id: plan.servedModel, object: 'model'}]}) : '';
				response.writeHead(request.url?.startsWith('/metrics') ? 404 : 200, {'content-type': 'application/json'});
				response.end(body);
			});
			server.listen(port, '127.0.0.1', () => {
				for (const line of plan.startupLog) emit(line);
				const uvicorn = uvicornLines('127.0.0.1', port);
				for (const line of [...uvicorn.starting, ...uvicorn.ready]) emit(line);
				if (framework === 'sglang') emit('The server is fired up and ready to roll!');
			});
		}

		return {
			pid: undefined,
			onLine(listener) {
				listeners.push(listener);
				for (const line of lines) listener(line);
			},
			exited,
			async stop() {
				servers.delete(port);
				if (server) await new Promise<void>(resolve => server!.close(() => resolve()));
				server = null;
				resolveExit({code: 0, signal: 'SIGTERM'});
			},
		};
	};

	const runBenchmark = async (options: BenchOptions): Promise<BenchSummary> => {
		const port = Number(new URL(options.baseUrl).port);
		const target = servers.get(port);
		if (!target) throw new Error(`fake box: no server on port ${port}`);
		const warmup = options.warmupRequests ?? 0;
		const rows = options.rows;
		const offsets = arrivalOffsetsMs(rows.length, options.requestRate, options.burstiness ?? 1, options.seed ?? 0);
		const promptTokens = (row: (typeof rows)[number]) =>
			row.prompt_len ?? (typeof row.prompt === 'string' ? Math.ceil(row.prompt.length / 4) : Array.isArray(row.prompt) ? row.prompt.length : 128);
		const arrivals = rows.map((row, index) => ({
			atS: (offsets[index] ?? 0) / 1000,
			promptTokens: Math.max(1, promptTokens(row)),
			outputTokens: Math.max(1, row.output_len),
		}));
		const outcome = simulate(target.config, arrivals, target.kvTokens);
		const records: RequestRecord[] = arrivals.map((arrival, index) => {
			const ttftMs = outcome.ttftS[index]! * 1000;
			const e2eMs = outcome.e2eS[index]! * 1000;
			const gaps = Math.min(arrival.outputTokens - 1, 64);
			const itl = arrival.outputTokens > 1 ? (e2eMs - ttftMs) / (arrival.outputTokens - 1) : 0;
			return {
				index,
				scheduledMs: arrival.atS * 1000,
				sentMs: arrival.atS * 1000,
				ttftMs,
				e2eMs,
				itlMs: Array.from({length: gaps}, () => itl),
				promptTokens: arrival.promptTokens,
				outputTokens: arrival.outputTokens,
				success: true,
				error: null,
			};
		});
		const first = Math.min(...arrivals.map(a => a.atS));
		const last = Math.max(...records.map(r => (r.scheduledMs + (r.e2eMs ?? 0)) / 1000));
		const durationS = Math.max(1e-3, last - first);
		// Warm-up requests go first and cost about a request's time each, one after another at worst.
		clock += durationS + (warmup > 0 ? Math.min(warmup, 4) * (outcome.e2eS[0] ?? 0) : 0);
		const summary = summarize(records, {
			durationS,
			goodput: options.goodput ?? null,
			requestRate: Number.isFinite(options.requestRate) ? options.requestRate : 'inf',
			maxConcurrency: options.maxConcurrency ?? null,
			numPrompts: rows.length,
		});
		options.onProgress?.({
			completed: records.length,
			failed: 0,
			total: records.length,
			inFlight: 0,
			elapsedMs: durationS * 1000,
			p50TtftMs: summary.latency.p50_ttft_ms ?? null,
			p50TpotMs: summary.latency.p50_tpot_ms ?? null,
			requestThroughput: summary.requestThroughput,
			outputTokenThroughput: summary.outputTokenThroughput,
		});
		return summary;
	};

	const executor: Executor = {
		kind: real.kind,
		connectHost: '127.0.0.1',
		bindHost: '127.0.0.1',
		run: (argv, options) => real.run(argv, options),
		launch,
		describeLaunch: spec => real.describeLaunch(spec),
		stopLeftover: async () => 'nothing to stop',
	};
	return {executor, deps: {runBenchmark, boxClock: () => clock, saturationStop: false, gpuPollMs: 3_600_000, stopGraceMs: 100}, now: () => clock, launches};
}
