import type {EngineConfig} from '../perf/engine-config.js';

/**
 * What a restart costs beyond reading the weights (world `startup_costs`, off by default so demos
 * stay quick; issue 16): CUDA-graph capture (one graph per captured batch size, each a few kernel
 * launches per layer), vLLM's torch.compile of the model, and warm-up (profile run, warm-up
 * request, TensorRT-LLM's autotuner). Simulated seconds, paced at the world's time scale like the
 * weight loading, so a restart costs what it costs on a GPU box (an 8B model on one H100: ~6 s of
 * graph capture, ~16 s of torch.compile in vLLM; larger models take longer per graph).
 */
export type StartupCosts = {readonly captureS: number; readonly compileS: number; readonly warmupS: number};

/** vLLM's capture sizes: 1, 2, 4, then every 8 up to 256, every 16 above (SGLang's list is similar). */
export function captureSizes(maxBs: number): number {
	const cap = Math.max(1, Math.floor(maxBs));
	const small = [1, 2, 4].filter(size => size <= cap).length;
	const by8 = Math.floor(Math.min(cap, 256) / 8);
	const by16 = cap > 256 ? Math.floor((cap - 256) / 16) : 0;
	return small + by8 + by16;
}

export function startupCosts(config: EngineConfig): StartupCosts {
	const layers = config.model.layers;
	const perGraphS = 0.04 + 0.0025 * layers * Math.max(0.5, Math.sqrt(config.model.activeParamsB / 8 / config.tp));
	const captureS = config.eager ? 0 : captureSizes(Math.min(config.cudaGraphMaxBs, config.maxRunning)) * perGraphS;
	const compileS = config.framework === 'vllm' && !config.eager ? 8 + 0.25 * layers : 0;
	const autotuneS = config.framework === 'tensorrt_llm' ? 6 + 0.1 * layers : 0;
	const warmupS = 1.5 + (0.05 * config.model.activeParamsB) / config.tp + autotuneS;
	return {captureS, compileS, warmupS};
}

/** A pause in the start-up log: before printing line `beforeLine`, the server spends `simSeconds`. */
export type StartupPause = {readonly beforeLine: number; readonly simSeconds: number};
