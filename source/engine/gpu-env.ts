/**
 * The environment that pins a server to the requested GPUs. CUDA numbers devices fastest-first
 * unless CUDA_DEVICE_ORDER=PCI_BUS_ID, while nvidia-smi numbers them by PCI bus id; without it,
 * `CUDA_VISIBLE_DEVICES=5,6` may select two other GPUs than the ones preflight found idle.
 * (`docker run` gets `--gpus "device=5,6"` instead: inside that container the GPUs are renumbered
 * from 0, so the host ids must not be repeated there — see create-executor.ts.)
 */
export function gpuEnv(gpuIds: readonly number[]): Record<string, string> {
	return {CUDA_VISIBLE_DEVICES: gpuIds.join(','), CUDA_DEVICE_ORDER: 'PCI_BUS_ID'};
}

/** `CUDA_VISIBLE_DEVICES=5,6 CUDA_DEVICE_ORDER=PCI_BUS_ID ` — how the pinned command is shown. */
export function gpuEnvPrefix(gpuIds: readonly number[]): string {
	return Object.entries(gpuEnv(gpuIds))
		.map(([name, value]) => `${name}=${value} `)
		.join('');
}
