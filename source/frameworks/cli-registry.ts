import type {CliAdapter} from './adapter.js';
import type {FrameworkName} from './framework-name.js';
import {sglangCli} from './sglang/cli.js';
import {tensorrtLlmCli} from './tensorrt-llm/cli.js';
import {vllmCli} from './vllm/cli.js';

/** One CLI adapter per framework; adding a framework = one file + one line here. */
export const cliAdapters: Readonly<Record<FrameworkName, CliAdapter>> = {
	sglang: sglangCli,
	vllm: vllmCli,
	tensorrt_llm: tensorrtLlmCli,
};
