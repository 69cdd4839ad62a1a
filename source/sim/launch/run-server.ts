import {setTimeout as sleep} from 'node:timers/promises';
import {Batcher} from '../perf/batcher.js';
import {EngineClock} from '../server/engine-clock.js';
import {flavors} from '../server/flavor.js';
import {SimHttpServer} from '../server/http-server.js';
import {publishState, removeState} from '../state.js';
import type {World} from '../world.js';
import type {LaunchPlan} from './launch-plan.js';
import {logLine, uvicornLines} from './log-format.js';
import {progressLine, weightLoading} from './weight-loading.js';

export type Output = {readonly out: (line: string) => void; readonly err: (line: string) => void};

const processName: Record<LaunchPlan['framework'], string> = {vllm: 'VLLM::EngineCore', sglang: 'sglang::scheduler', tensorrt_llm: 'python3'};

/**
 * Runs one simulated server until SIGTERM/SIGINT: startup log paced over `startup_wall_s`, the
 * framework's listen/readiness order, state published for nvidia-smi, clean deregistration on exit.
 * Resolves with the exit status.
 */
export async function runServer(plan: LaunchPlan, world: World, stateDirectory: string, output: Output): Promise<number> {
	const {framework} = plan;
	const batcher = new Batcher(plan.config, plan.memory.kvTokens);
	const http = new SimHttpServer({
		flavor: flavors[framework],
		servedModel: plan.servedModel,
		root: plan.modelPath,
		version: plan.version,
		maxContext: Math.min(plan.maxContext, plan.memory.kvTokens),
		maxPromptTokens: plan.maxPromptTokens,
		enableMetrics: plan.enableMetrics,
		apiKey: plan.apiKey,
		prefixCaching: plan.prefixCaching ?? true,
		heldBytes: Math.round(plan.memory.heldGiB * 1024 ** 3),
	});
	const clock = new EngineClock(batcher, world.time_scale, (emissions, now) => http.deliver(emissions, now));
	http.attach(clock);

	const heldMib = Math.round(plan.memory.heldGiB * 1024);
	let port: number | null = null;
	const publish = (): void => {
		publishState(stateDirectory, {
			pid: process.pid,
			framework,
			model: plan.modelPath,
			process: processName[framework],
			gpus: plan.gpus,
			memory_mib: heldMib,
			utilization: Math.round(clock.utilization() * 100),
			running: batcher.stats.running,
			waiting: batcher.stats.waiting,
			port,
		});
	};

	let exiting = false;
	let resolveExit!: (code: number) => void;
	const exited = new Promise<number>(resolve => {
		resolveExit = resolve;
	});
	const publisher = setInterval(publish, 500);
	publisher.unref();
	const shutdown = (): void => {
		if (exiting) {
			return;
		}

		exiting = true;
		clearInterval(publisher);
		clock.stop();
		http.close();
		removeState(stateDirectory, process.pid);
		output.err('INFO:     Shutting down');
		output.err('INFO:     Waiting for application shutdown.');
		output.err('INFO:     Application shutdown complete.');
		output.err(`INFO:     Finished server process [${process.pid}]`);
		if (world.shutdown_wall_s > 0) setTimeout(() => resolveExit(0), world.shutdown_wall_s * 1000);
		else resolveExit(0);
	};

	process.once('SIGTERM', shutdown);
	process.once('SIGINT', shutdown);
	publish();

	const phaseMs = (world.startup_wall_s * 1000) / Math.max(1, plan.startupLog.length + 2);
	const listen = async (): Promise<boolean> =>
		new Promise(resolve => {
			http.server.once('error', (error: NodeJS.ErrnoException) => {
				output.err(
					`ERROR:    [Errno 98] error while attempting to bind on address ('${plan.host}', ${plan.port}): ${error.code === 'EADDRINUSE' ? 'address already in use' : error.message}`,
				);
				resolve(false);
			});
			http.server.listen(plan.port, plan.host === '0.0.0.0' ? undefined : plan.host, () => {
				const address = http.server.address();
				port = typeof address === 'object' && address ? address.port : plan.port;
				resolve(true);
			});
		});

	// SGLang binds its HTTP server before warmup and answers 503 meanwhile; the others listen last.
	if (framework === 'sglang') {
		if (!(await listen())) {
			shutdown();
			return 1;
		}
	}

	const loading = weightLoading(plan.memory.weightsGiB, world.weight_load_gbps);
	for (const [index, line] of plan.startupLog.entries()) {
		if (exiting) {
			return exited;
		}

		const pause = (plan.startupPauses ?? []).filter(p => p.beforeLine === index).reduce((sum, p) => sum + p.simSeconds, 0);
		if (pause > 0) await sleep(pause * world.time_scale * 1000);
		if (exiting) return exited;
		output.err(line);
		// Weights are read after the first start-up lines (config, parallel setup), shard by shard.
		if (loading && index === Math.min(1, plan.startupLog.length - 1)) {
			for (let done = 0; done <= loading.shards && !exiting; done++) {
				output.err(progressLine(done, loading));
				if (done < loading.shards) await sleep((loading.simSeconds / loading.shards) * world.time_scale * 1000);
			}
		}

		await sleep(phaseMs);
	}

	if (framework !== 'sglang' && !(await listen())) {
		exiting = true;
		clearInterval(publisher);
		removeState(stateDirectory, process.pid);
		return 1;
	}

	const uvicorn = uvicornLines(plan.host, port ?? plan.port);
	if (framework === 'vllm') {
		output.err(logLine('vllm', `Starting vLLM API server 0 on http://${plan.host}:${port}`, 'INFO', 'launcher.py:37'));
		output.err(logLine('vllm', 'Available routes are:', 'INFO', 'launcher.py:46'));
		for (const route of ['/health', '/v1/models', '/version', '/metrics', '/v1/chat/completions', '/v1/completions']) {
			output.err(logLine('vllm', `Route: ${route}, Methods: ${route.startsWith('/v1/c') ? 'POST' : 'GET'}`, 'INFO', 'launcher.py:46'));
		}
	}

	for (const line of uvicorn.starting) {
		output.err(line);
	}

	if (framework === 'sglang') {
		// Uvicorn is up before the warmup request; /health answers 503 until it passed.
		for (const line of uvicorn.ready) {
			output.err(line);
		}

		await sleep(phaseMs);
		if (exiting) {
			return exited;
		}

		output.err(logLine('sglang', 'Prefill batch. #new-seq: 1, #new-token: 7, #cached-token: 0, token usage: 0.00, #running-req: 0, #queue-req: 0'));
		http.ready = true;
		publish();
		output.err(logLine('sglang', 'The server is fired up and ready to roll!'));
		return exited;
	}

	http.ready = true;
	publish();
	for (const line of uvicorn.ready) {
		output.err(line);
	}

	return exited;
}
