/**
 * Model-size-dependent weight loading for the simulated servers (world `weight_load_gbps`; off by
 * default so demos stay quick): the checkpoint is read at that rate in simulated seconds, and the
 * servers print the tqdm progress line the real ones print while loading safetensors shards
 * (`Loading safetensors checkpoint shards:  40% Completed | 2/5 [00:03<00:04,  1.50s/it]`).
 */
export type WeightLoading = {readonly shards: number; readonly simSeconds: number};

/** Hugging Face checkpoints come in ~5 GB shards. */
export function weightLoading(weightsGiB: number, gbps: number | null): WeightLoading | null {
	if (gbps === null || gbps <= 0 || weightsGiB <= 0) return null;
	return {shards: Math.max(1, Math.ceil((weightsGiB * 1.073_741_824) / 5)), simSeconds: (weightsGiB * 1.073_741_824) / gbps};
}

const clock = (seconds: number): string => `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

export function progressLine(done: number, loading: WeightLoading): string {
	const perShard = loading.simSeconds / loading.shards;
	const elapsed = done * perShard;
	const pct = Math.round((done / loading.shards) * 100);
	return `Loading safetensors checkpoint shards: ${String(pct).padStart(3)}% Completed | ${done}/${loading.shards} [${clock(elapsed)}<${clock(loading.simSeconds - elapsed)}, ${perShard.toFixed(2)}s/it]`;
}
