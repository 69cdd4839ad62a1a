import type {GpuSample} from '../events.js';
import type {Executor} from '../executors/executor.js';

/** What `nvidia-smi` says about the GPUs and who is using them (seed Workflow 1). */
export type GpuInfo = GpuSample & {readonly uuid: string; readonly driverVersion: string | null};
export type GpuProcess = {readonly gpuUuid: string; readonly pid: number; readonly name: string; readonly usedMiB: number | null};

export const gpuQueryArgv = [
	'nvidia-smi',
	'--query-gpu=index,name,uuid,memory.used,memory.total,utilization.gpu,driver_version,power.draw,temperature.gpu,clocks.sm',
	'--format=csv,noheader,nounits',
];
export const appsQueryArgv = ['nvidia-smi', '--query-compute-apps=gpu_uuid,pid,process_name,used_memory', '--format=csv,noheader,nounits'];

const cells = (line: string) => line.split(',').map(cell => cell.trim());
/** A reading nvidia-smi may not have ("[N/A]", "[Not Supported]", "N/A"): null then. */
const reading = (text: string | undefined): number | null => {
	if (text === undefined || text === '' || /N\/A|Not Supported|Unknown|Error/i.test(text)) return null;
	const value = Number(text.replace(/\s*(W|MHz|C|%)$/, ''));
	return Number.isFinite(value) ? value : null;
};
const numberOr = (text: string | undefined, fallback: number) => {
	const value = Number(text);
	return text !== undefined && text !== '' && Number.isFinite(value) ? value : fallback;
};

export function parseGpuCsv(text: string): GpuInfo[] {
	return text
		.split('\n')
		.filter(line => line.trim() && /^\s*\d+\s*,/.test(line))
		.map(line => {
			const [index, name, uuid, used, total, util, driver, power, temperature, clock] = cells(line);
			return {
				index: numberOr(index, -1),
				name: name ?? '',
				uuid: uuid ?? '',
				memoryUsedMiB: numberOr(used, 0),
				memoryTotalMiB: numberOr(total, 0),
				// `[N/A]` (MIG mode, some vGPUs) is unknown, not idle.
				utilizationPct: util === undefined || util.startsWith('[') ? null : numberOr(util, 0),
				driverVersion: driver && !driver.startsWith('[') ? driver : null,
				powerW: reading(power),
				temperatureC: reading(temperature),
				smClockMHz: reading(clock),
			};
		});
}

export function parseAppsCsv(text: string): GpuProcess[] {
	return text
		.split('\n')
		.filter(line => line.trim() && !/no running/i.test(line))
		.map(line => {
			const [gpuUuid, pid, name, used] = cells(line);
			return {gpuUuid: gpuUuid ?? '', pid: numberOr(pid, -1), name: name ?? '', usedMiB: used ? numberOr(used, 0) : null};
		})
		.filter(app => app.pid >= 0);
}

/** `CUDA Version: 12.4` from the plain nvidia-smi banner. */
export function parseCudaVersion(banner: string): string | null {
	return /CUDA Version:\s*([\d.]+)/.exec(banner)?.[1] ?? null;
}

export type GpuSnapshot = {gpus: GpuInfo[]; apps: GpuProcess[]; error: string | null};

export async function queryGpus(executor: Executor, withApps = true): Promise<GpuSnapshot> {
	const gpusResult = await executor.run(gpuQueryArgv, {framework: null, timeoutMs: 20_000});
	if (gpusResult.code !== 0) {
		const why = gpusResult.error ?? (gpusResult.stderr.trim() || gpusResult.stdout.trim() || `exit ${gpusResult.code}`);
		return {gpus: [], apps: [], error: `nvidia-smi failed: ${why.split('\n')[0]}`};
	}

	const apps = withApps ? await executor.run(appsQueryArgv, {framework: null, timeoutMs: 20_000}) : null;
	return {gpus: parseGpuCsv(gpusResult.stdout), apps: apps?.code === 0 ? parseAppsCsv(apps.stdout) : [], error: null};
}

/** Requested GPUs that are missing or held by another process, each as one sentence. */
export function busyGpuProblems(snapshot: GpuSnapshot, requested: readonly number[]): string[] {
	const problems: string[] = [];
	for (const id of requested) {
		const gpu = snapshot.gpus.find(g => g.index === id);
		if (!gpu) {
			problems.push(`GPU ${id} is not present (nvidia-smi lists ${snapshot.gpus.map(g => g.index).join(', ') || 'none'})`);
			continue;
		}

		const holders = snapshot.apps.filter(app => app.gpuUuid === gpu.uuid);
		if (holders.length > 0) {
			const who = holders.map(app => `pid ${app.pid} (${app.name}${app.usedMiB === null ? '' : `, ${app.usedMiB} MiB`})`).join(', ');
			problems.push(`GPU ${id} is busy: held by ${who}`);
		}
	}

	return problems;
}
