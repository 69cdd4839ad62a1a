import {findFramework, frameworkAdapter} from './registry.js';

/** Docker options for this framework's image, unless the recipe's extra_args already set an entrypoint. */
export function entrypointArgs(framework: string | null, extraArgs: readonly string[]): string[] {
	const name = framework === null ? undefined : findFramework(framework);
	const container = name ? frameworkAdapter(name).container : undefined;
	if (!container?.clearEntrypoint || extraArgs.some(arg => arg === '--entrypoint' || arg.startsWith('--entrypoint='))) return [];
	return ['--entrypoint', ''];
}
