import type {FrameworkName} from './framework-name.js';
import {sglangContainer} from './sglang/container.js';
import {tensorrtLlmContainer} from './tensorrt-llm/container.js';
import {vllmContainer} from './vllm/container.js';

/** What the executor must know about a framework's official image to run a command in it. */
export type ContainerFacts = {
	/** The image's entrypoint would be prepended to our argv: run with `--entrypoint ''`. */
	readonly clearEntrypoint: boolean;
};

export const containerFacts: Readonly<Record<FrameworkName, ContainerFacts>> = {
	sglang: sglangContainer,
	vllm: vllmContainer,
	tensorrt_llm: tensorrtLlmContainer,
};

/** Docker options for this framework's image, unless the recipe's extra_args already set an entrypoint. */
export function entrypointArgs(framework: string | null, extraArgs: readonly string[]): string[] {
	const facts = framework && framework in containerFacts ? containerFacts[framework as FrameworkName] : null;
	if (!facts?.clearEntrypoint || extraArgs.some(arg => arg === '--entrypoint' || arg.startsWith('--entrypoint='))) return [];
	return ['--entrypoint', ''];
}
