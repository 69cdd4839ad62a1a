import type {NativeBenchCommandOptions} from './adapter.js';
import {symmetricRange} from '../workload/lengths.js';

/**
 * vLLM's `vllm bench serve` and TensorRT-LLM's `benchmark_serving.py` are forks of one script and
 * share these flags: random lengths (their range is symmetric around a midpoint, so the midpoint
 * and ratio are chosen to cover the same [low, L] as ours, see workload/lengths.ts), the load, and
 * a saved result with every percentile metric.
 */
export function randomLoadArgs(options: NativeBenchCommandOptions): string[] {
	return [...randomLengthArgs(options), ...loadArgs(options)];
}

export function randomLengthArgs(options: NativeBenchCommandOptions): string[] {
	const input = symmetricRange(options.inputLen, options.rangeRatio ?? 1);
	const output = symmetricRange(options.outputLen, options.rangeRatio ?? 1);
	return [
		'--random-input-len',
		String(input.length),
		'--random-output-len',
		String(output.length),
		'--random-range-ratio',
		String(Math.max(input.ratio, output.ratio)),
	];
}

/** How many requests, how fast, how many at once; the same for every dataset. */
export function loadArgs(options: NativeBenchCommandOptions): string[] {
	return [
		'--num-prompts',
		String(options.numPrompts),
		'--request-rate',
		String(options.requestRate),
		...(options.maxConcurrency === null ? [] : ['--max-concurrency', String(options.maxConcurrency)]),
		'--seed',
		String(options.seed),
		'--ignore-eos',
	];
}

export function savedResultArgs(options: NativeBenchCommandOptions): string[] {
	const slash = options.resultFile.lastIndexOf('/');
	return [
		'--percentile-metrics',
		'ttft,tpot,itl,e2el',
		'--metric-percentiles',
		'50,90,95,99',
		'--save-result',
		...(slash >= 0 ? ['--result-dir', options.resultFile.slice(0, slash) || '/'] : []),
		'--result-filename',
		options.resultFile.slice(slash + 1),
	];
}
