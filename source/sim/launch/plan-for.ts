import {vllmServe} from '../cli/vllm-main.js';
import {sglangServe} from '../cli/sglang-cli.js';
import {trtllmServe} from '../cli/trtllm-cli.js';
import type {SimFramework} from '../perf/engine-config.js';
import type {World} from '../world.js';
import {visibleGpus} from './gpu-context.js';
import type {Resolution} from './launch-plan.js';
import type {ServeSpec} from './serve-main.js';

const specs: Record<SimFramework, () => ServeSpec> = {
	vllm: () => vllmServe,
	sglang: () => sglangServe(false),
	tensorrt_llm: () => trtllmServe,
};

/**
 * What a launch with these server arguments (after `vllm serve`, `python -m sglang.launch_server`,
 * `trtllm-serve serve`) would do in this world, without starting anything. For tests and benches.
 */
export function planFor(framework: SimFramework, argv: readonly string[], world: World, stateDirectory: string, env: NodeJS.ProcessEnv = {}): Resolution {
	const spec = specs[framework]();
	const parsed = spec.parse(argv, world);
	if (!parsed.ok) {
		throw new Error(spec.usageError(parsed.message));
	}

	return spec.resolve(parsed.flags, parsed.positionals, world, visibleGpus(world, env), stateDirectory);
}
