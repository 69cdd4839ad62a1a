import {listStates, type ServerState} from './state.js';
import {worldGpu, type World} from './world.js';

export type GpuRow = {
	index: number;
	name: string;
	uuid: string;
	busId: string;
	memoryTotalMib: number;
	memoryUsedMib: number;
	utilization: number;
	temperature: number;
	powerDraw: number;
	powerLimit: number;
	/** SM clock, MHz: idle clock at rest, boost under load, a few % lower near the power limit. */
	smClockMhz: number;
	computeCap: string;
	mig: boolean;
};

const idleSmClockMhz = 345;
const boostSmClockMhz = 1980;

export type AppRow = {pid: number; processName: string; usedMib: number; gpuIndex: number; gpuUuid: string; busId: string};

function hex(seed: number, length: number): string {
	let x = seed >>> 0 || 1;
	let out = '';
	while (out.length < length) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		x >>>= 0;
		out += x.toString(16).padStart(8, '0');
	}

	return out.slice(0, length);
}

export function gpuUuid(world: World, index: number): string {
	const h = hex(world.seed * 7919 + index * 104_729 + 17, 32);
	return `GPU-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const busIds = ['18', '2A', '3A', '5D', '9A', 'AB', 'BA', 'DB'];

/** What nvidia-smi sees: the world's GPUs, its busy processes, and the simulated servers running now. */
export function gpuSnapshot(world: World, stateDirectory: string, states: ServerState[] = listStates(stateDirectory)): {gpus: GpuRow[]; apps: AppRow[]} {
	const spec = worldGpu(world);
	const gpus: GpuRow[] = [];
	const apps: AppRow[] = [];
	for (let index = 0; index < world.gpu_count; index++) {
		const uuid = gpuUuid(world, index);
		const busId = `00000000:${busIds[index % busIds.length]}:00.0`;
		let used = 1;
		let utilization = 0;
		for (const busy of world.busy_gpus.filter(entry => entry.index === index)) {
			used += busy.used_memory_mib;
			utilization = Math.max(utilization, busy.utilization);
			if (!busy.hidden) apps.push({pid: busy.pid, processName: busy.process, usedMib: busy.used_memory_mib, gpuIndex: index, gpuUuid: uuid, busId});
		}

		for (const state of states.filter(entry => entry.gpus.includes(index))) {
			used += state.memory_mib;
			utilization = Math.max(utilization, state.utilization);
			apps.push({pid: state.pid, processName: state.process, usedMib: state.memory_mib, gpuIndex: index, gpuUuid: uuid, busId});
		}

		used = Math.min(used, spec.memoryMib);
		const idleW = Math.round(spec.powerLimitW * 0.1);
		gpus.push({
			index,
			name: spec.name,
			uuid,
			busId,
			memoryTotalMib: spec.memoryMib,
			memoryUsedMib: used,
			utilization,
			temperature: 30 + Math.round(utilization * 0.4) + (index % 3),
			powerDraw: Math.round((idleW + (spec.powerLimitW - idleW) * (utilization / 100) * 0.85) * 100) / 100,
			powerLimit: spec.powerLimitW,
			smClockMhz: utilization === 0 ? idleSmClockMhz : Math.round(boostSmClockMhz * (1 - 0.06 * (utilization / 100))),
			computeCap: spec.computeCap,
			mig: world.mig_gpus.includes(index),
		});
	}

	return {gpus, apps};
}
