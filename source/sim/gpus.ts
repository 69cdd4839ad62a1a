/**
 * Spec-sheet figures of the GPUs the simulated box can pretend to be (docs/simulated-box.md).
 * Dense BF16 throughput; memory as `nvidia-smi` reports it (MiB).
 */
export type GpuSpec = {
	readonly key: string;
	/** What `nvidia-smi` prints in the name column. */
	readonly name: string;
	readonly memoryMib: number;
	/** Bytes per second. */
	readonly bandwidth: number;
	/** FLOP per second, BF16 dense. */
	readonly flops: number;
	/** fa3 kernels exist only for Hopper (sm_90) and newer data-centre parts. */
	readonly hopperOrNewer: boolean;
	/** Per-direction bytes per second between GPUs (NVLink, or PCIe when there is none). */
	readonly linkBandwidth: number;
	readonly linkLatencyS: number;
	readonly powerLimitW: number;
	readonly computeCap: string;
};

const tb = 1e12;

export const gpuSpecs: Readonly<Record<string, GpuSpec>> = {
	'H100-80GB': {
		key: 'H100-80GB',
		name: 'NVIDIA H100 80GB HBM3',
		memoryMib: 81_559,
		bandwidth: 3.35 * tb,
		flops: 989 * tb,
		hopperOrNewer: true,
		linkBandwidth: 450e9,
		linkLatencyS: 6e-6,
		powerLimitW: 700,
		computeCap: '9.0',
	},
	H200: {
		key: 'H200',
		name: 'NVIDIA H200',
		memoryMib: 143_771,
		bandwidth: 4.8 * tb,
		flops: 989 * tb,
		hopperOrNewer: true,
		linkBandwidth: 450e9,
		linkLatencyS: 6e-6,
		powerLimitW: 700,
		computeCap: '9.0',
	},
	'A100-80GB': {
		key: 'A100-80GB',
		name: 'NVIDIA A100-SXM4-80GB',
		memoryMib: 81_920,
		bandwidth: 2.039 * tb,
		flops: 312 * tb,
		hopperOrNewer: false,
		linkBandwidth: 300e9,
		linkLatencyS: 8e-6,
		powerLimitW: 400,
		computeCap: '8.0',
	},
	'A100-40GB': {
		key: 'A100-40GB',
		name: 'NVIDIA A100-SXM4-40GB',
		memoryMib: 40_960,
		bandwidth: 1.555 * tb,
		flops: 312 * tb,
		hopperOrNewer: false,
		linkBandwidth: 300e9,
		linkLatencyS: 8e-6,
		powerLimitW: 400,
		computeCap: '8.0',
	},
	L40S: {
		key: 'L40S',
		name: 'NVIDIA L40S',
		memoryMib: 46_068,
		bandwidth: 0.864 * tb,
		flops: 362 * tb,
		hopperOrNewer: false,
		linkBandwidth: 32e9,
		linkLatencyS: 15e-6,
		powerLimitW: 350,
		computeCap: '8.9',
	},
	B200: {
		key: 'B200',
		name: 'NVIDIA B200',
		memoryMib: 183_359,
		bandwidth: 8 * tb,
		flops: 2250 * tb,
		hopperOrNewer: true,
		linkBandwidth: 900e9,
		linkLatencyS: 5e-6,
		powerLimitW: 1000,
		computeCap: '10.0',
	},
};

export const gpuModelKeys = Object.keys(gpuSpecs);

/** Accepts the table keys and a few spellings operators type (`H100`, `a100-80gb`, `NVIDIA L40S`). */
export function gpuSpecFor(model: string): GpuSpec | undefined {
	const wanted = model
		.toUpperCase()
		.replace(/^NVIDIA\s+/, '')
		.replace(/\s+/g, '-');
	if (gpuSpecs[wanted]) {
		return gpuSpecs[wanted];
	}

	const aliases: Record<string, string> = {H100: 'H100-80GB', 'H100-SXM': 'H100-80GB', A100: 'A100-80GB', 'A100-80G': 'A100-80GB', 'A100-40G': 'A100-40GB'};
	const key = aliases[wanted] ?? Object.keys(gpuSpecs).find(k => k.toUpperCase() === wanted);
	return key ? gpuSpecs[key] : undefined;
}
