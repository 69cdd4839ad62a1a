/**
 * Weight-loading progress from a server's log while it is `loading`. vLLM, SGLang and TensorRT-LLM's
 * PyTorch backend print tqdm bars while reading safetensors shards, e.g.
 * `Loading safetensors checkpoint shards:  40% Completed | 2/5 [00:03<00:04,  1.50s/it]` or
 * `Loading safetensors weights in parallel:  40%|████      | 2/5 [00:03<00:04, ...]`.
 * Returns a short detail for the `loading` phase, or null for any other line.
 */
const tqdm = /Loading (?:safetensors )?(?:checkpoint shards|weights[^:]*|model weights[^:]*):\s*(\d{1,3})%[^|]*\|[^|\d]*?(?:\|\s*)?(\d+)\/(\d+)/;

export function loadProgress(line: string): string | null {
	const match = tqdm.exec(line);
	if (!match) return null;
	return `loading weights: ${match[1]}% (${match[2]}/${match[3]} shards)`;
}
