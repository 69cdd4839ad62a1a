import type {FlagValue, Flags, FrameworkPlan} from '../config/plan.js';
import {cliAdapters} from '../frameworks/cli-registry.js';

export {shellQuote} from './shell-words.js';

/** `--flag value` as one argv element: numbers as written, mappings and lists as JSON (SPEC §4). */
export function renderFlagValue(value: Exclude<FlagValue, boolean | null>): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/**
 * SPEC §4: server_command words, then the model (positional for vLLM / TensorRT-LLM, `--model-path`
 * for SGLang unless the flags carry it), then each flag in order: `true` → bare flag, `false` /
 * `null` → omitted, anything else → `--flag value`. No --host/--port (added at launch).
 */
export function renderServerArgv(framework: Pick<FrameworkPlan, 'name' | 'serverCommand'>, flags: Flags, modelName: string): string[] {
	const adapter = cliAdapters[framework.name];
	const argv = [...framework.serverCommand];
	if (adapter.modelArgument === 'positional') {
		argv.push(modelName);
	} else if (!('model_path' in flags) && !('model' in flags)) {
		argv.push(adapter.flagName('model_path'), modelName);
	}

	for (const [key, value] of Object.entries(flags)) {
		if (value === false || value === null || value === undefined) {
			continue;
		}

		argv.push(adapter.flagName(key));
		if (value !== true) {
			argv.push(renderFlagValue(value));
		}
	}

	return argv;
}

function hasFlag(argv: readonly string[], flag: string): boolean {
	return argv.some(word => word === flag || word.startsWith(`${flag}=`));
}

/** Appends the launch's --host/--port unless the config already set them (never duplicated). */
export function withHostPort(argv: readonly string[], framework: Pick<FrameworkPlan, 'name'>, host: string, port: number): string[] {
	const adapter = cliAdapters[framework.name];
	const result = [...argv];
	const hostFlag = adapter.flagName('host');
	const portFlag = adapter.flagName('port');
	if (!hasFlag(result, hostFlag)) {
		result.push(hostFlag, host);
	}

	if (!hasFlag(result, portFlag)) {
		result.push(portFlag, String(port));
	}

	return result;
}
