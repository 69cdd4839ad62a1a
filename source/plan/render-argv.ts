import type {FlagValue, Flags, FrameworkPlan} from '../config/plan.js';
import {configuredFramework, frameworkAdapter} from '../frameworks/registry.js';

export {shellQuote} from '../shell/shell-words.js';

/** `--flag value` as one argv element: numbers as written, mappings and lists as JSON (docs/candidates.md). */
export function renderFlagValue(value: Exclude<FlagValue, boolean | null>): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/**
 * docs/candidates.md: server_command words, then the model as the adapter says (a first positional, or its
 * model flag unless the flags carry it, or not at all), then each flag in order: `true` → bare
 * flag, `false` / `null` → omitted, anything else → `--flag value`. No --host/--port (added at launch).
 */
export function renderServerArgv(framework: Pick<FrameworkPlan, 'name' | 'serverCommand' | 'settings'>, flags: Flags, modelName: string): string[] {
	const adapter = configuredFramework(framework).cli;
	const argv = [...framework.serverCommand];
	const modelFlag = adapter.modelFlag;
	if (adapter.modelArgument === 'positional') {
		argv.push(modelName);
	} else if (adapter.modelArgument === 'flag' && modelFlag && !('model' in flags) && !Object.keys(flags).some(key => adapter.flagName(key) === modelFlag)) {
		argv.push(modelFlag, modelName);
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
export function withHostPort(argv: readonly string[], framework: Pick<FrameworkPlan, 'name' | 'settings'>, host: string, port: number): string[] {
	const {hostFlag, portFlag} = configuredFramework(framework).cli;
	const result = [...argv];
	if (!hasFlag(result, hostFlag)) {
		result.push(hostFlag, host);
	}

	if (!hasFlag(result, portFlag)) {
		result.push(portFlag, String(port));
	}

	return result;
}

/** argv words for flags the engine adds (true → bare flag, false/null → nothing), in the framework's style. */
export function extraArgv(framework: FrameworkPlan['name'], extras: Flags): string[] {
	const adapter = frameworkAdapter(framework).cli;
	return Object.entries(extras).flatMap(([key, value]) =>
		value === false || value === null ? [] : value === true ? [adapter.flagName(key)] : [adapter.flagName(key), renderFlagValue(value)],
	);
}

/**
 * The one launch argv of a candidate: its server argv (renderServerArgv), the flags the engine
 * adds for itself (`extras`, e.g. SGLang --enable-metrics; see engine/launch-extras.ts), then the
 * launch's --host/--port. The run launches exactly this; server_command.txt and rows print it.
 */
export function launchArgv(
	framework: Pick<FrameworkPlan, 'name' | 'serverCommand' | 'settings'>,
	flags: Flags,
	modelName: string,
	extras: Flags,
	listen: {host: string; port: number},
): string[] {
	return withHostPort([...renderServerArgv(framework, flags, modelName), ...extraArgv(framework.name, extras)], framework, listen.host, listen.port);
}

/** The flag names that launch argv passes (the candidate's own, then the extras): what the help must accept. */
export function launchFlagNames(framework: FrameworkPlan['name'], flags: Flags, extras: Flags): string[] {
	const adapter = frameworkAdapter(framework).cli;
	const own = Object.entries(flags)
		.filter(([, value]) => value !== false && value !== null && value !== undefined)
		.map(([key]) => adapter.flagName(key));
	return [...own, ...extraArgv(framework, extras).filter(word => word.startsWith('--'))];
}
