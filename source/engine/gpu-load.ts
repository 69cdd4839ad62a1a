import type {Executor} from '../executors/executor.js';

/**
 * A GPU's load as nvidia-smi reports it, apart from the process list. Inside a container the
 * process table shows no process of another PID namespace (reference/real/nvidia-smi/
 * in-container-processes-hidden.verbatim.txt), so memory in use and utilisation are the evidence
 * that someone else is on the GPU. In MIG mode utilisation is `[N/A]`: unknown, not idle.
 */
export type GpuLoad = {
	readonly index: number;
	readonly memoryUsedMiB: number;
	readonly memoryTotalMiB: number;
	readonly utilizationPct: number | null;
	readonly mig: boolean;
};

export const loadQueryArgv = ['nvidia-smi', '--query-gpu=index,memory.used,memory.total,utilization.gpu,mig.mode.current', '--format=csv,noheader,nounits'];

/** An idle GPU holds a few MiB (driver context, persistence mode); a server holds GiBs. */
const busyMemoryMiB = 1024;
const busyUtilizationPct = 10;

const value = (cell: string | undefined): number | null =>
	cell === undefined || cell.startsWith('[') || cell === '' || !Number.isFinite(Number(cell)) ? null : Number(cell);

export function parseLoadCsv(text: string): GpuLoad[] {
	return text
		.split('\n')
		.filter(line => /^\s*\d+\s*,/.test(line))
		.map(line => {
			const [index, used, total, util, mig] = line.split(',').map(cell => cell.trim());
			return {index: Number(index), memoryUsedMiB: value(used) ?? 0, memoryTotalMiB: value(total) ?? 0, utilizationPct: value(util), mig: mig === 'Enabled'};
		});
}

export type LoadVerdict = {readonly problems: string[]; readonly unknowns: string[]};

/** Requested GPUs that memory, utilisation or MIG mode say are not free, whatever the process list shows. */
export function loadProblems(loads: readonly GpuLoad[], requested: readonly number[]): LoadVerdict {
	const problems: string[] = [];
	const unknowns: string[] = [];
	for (const id of requested) {
		const gpu = loads.find(load => load.index === id);
		if (!gpu) continue;
		if (gpu.mig) {
			problems.push(`GPU ${id} is in MIG mode (CUDA sees only its MIG instances, not the whole GPU)`);
			continue;
		}

		const held = gpu.memoryUsedMiB > busyMemoryMiB;
		const active = gpu.utilizationPct !== null && gpu.utilizationPct > busyUtilizationPct;
		if (held || active) {
			problems.push(
				`GPU ${id} is in use: ${gpu.memoryUsedMiB} MiB of ${gpu.memoryTotalMiB} MiB held, ${gpu.utilizationPct === null ? 'utilisation unknown' : `${gpu.utilizationPct} % utilisation`} (a process nvidia-smi may not list, e.g. in another container)`,
			);
		} else if (gpu.utilizationPct === null) {
			unknowns.push(`GPU ${id}: utilisation unknown (nvidia-smi reports [N/A])`);
		}
	}

	return {problems, unknowns};
}

/** The load query; null when this nvidia-smi cannot answer it (older drivers lack mig.mode.current). */
export async function queryGpuLoad(executor: Executor): Promise<GpuLoad[] | null> {
	const result = await executor.run(loadQueryArgv, {framework: null, timeoutMs: 20_000});
	return result.code === 0 ? parseLoadCsv(result.stdout) : null;
}
