import type {NativeBenchAdapter} from '../frameworks/adapter.js';
import {shellQuote} from '../plan/render-argv.js';
import type {Endpoint, WorkloadRow} from '../results/workload-row.js';
import {gpuEnvPrefix} from './gpu-env.js';
import {derivedWorkloadFile} from './native-dataset.js';

/**
 * The commands a row records, told apart honestly (issue 11 finding 10): the server command as
 * launched for the figures (with the run's ephemeral --host/--port and the flags the engine added),
 * the deployment command an operator would paste (the candidate's own flags, pinned to the same
 * GPUs), and what was run-specific about the first.
 */
export type DeployCommand = {readonly command: string; readonly runSpecific: string};

export function deployCommand(
	candidateArgv: readonly string[],
	options: {gpuIds: readonly number[]; host: string | null; port: number | null; injected: readonly string[]},
): DeployCommand {
	const specific: string[] = [];
	if (options.host !== null || options.port !== null)
		specific.push(
			`${[options.host === null ? null : `--host ${options.host}`, options.port === null ? null : `--port ${options.port}`].filter(Boolean).join(' ')} (chosen by this run; pick your own)`,
		);
	if (options.injected.length > 0) specific.push(`${options.injected.join(' ')} (added by llm-bench-tui for its live view; not needed to serve)`);
	return {
		command: `${gpuEnvPrefix(options.gpuIds)}${shellQuote(candidateArgv)}`,
		runSpecific:
			specific.length > 0
				? `run-specific in the launched command: ${specific.join('; ')}`
				: 'nothing run-specific: the launched command is the deployment command',
	};
}

/** The label of a native benchmark command: an equivalent reproduction, and how equivalent. */
export function nativeCommandNote(
	framework: {readonly name: string; readonly label: string},
	native: NativeBenchAdapter | null,
	workload: {readonly file: string; readonly rows: readonly WorkloadRow[]} | null,
	endpoint: Endpoint,
	resultFile: string,
): string {
	const {label} = framework;
	const workloadFile = workload?.file ?? null;
	if (!native)
		return `${label} has no benchmark client of its own; the figures come from llm-bench-tui's load client on ${workloadFile ?? 'the workload file'}`;
	const dataset = workload ? native.dataset(workload.rows, endpoint) : null;
	const source =
		dataset?.reads === 'workload'
			? `reads the same workload file (${workloadFile})`
			: dataset?.reads === 'derived'
				? `reads the same prompts and output lengths from ${derivedWorkloadFile(framework.name, workload!.file)}, written from ${workloadFile} in the form its client reads`
				: `draws its own random prompts of the same lengths, because ${dataset?.why ?? 'there is no workload file'} (the measured prompts are in ${workloadFile ?? 'the workload file'})`;
	return `equivalent reproduction with ${label}'s own client, not what produced these figures (llm-bench-tui's load client did): it ${source}; it writes ${resultFile} when run`;
}
