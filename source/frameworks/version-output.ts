/**
 * The framework's own version from what its version command printed. The command prints only
 * `__version__` (or `vllm --version`), but whatever ran before it prints first: the images'
 * entrypoint banners (`CUDA Version 12.9.1`, `NVIDIA Release 25.06`, `PyTorch Version 2.8.0a0`),
 * TensorRT-LLM's import banner, vLLM's platform warning (reference/real/version/). So the version
 * is the last line that is a version and nothing else — never the first `x.y` in the text.
 */
const bareVersion = /^v?(\d+\.\d+(?:\.\d+)?(?:[.+-]?[\w]+)*(?:\+[\w.]+)?)$/;

export function versionFromOutput(stdout: string): string | null {
	const lines = stdout
		.split(/\r?\n/)
		.map(line => line.trim())
		.filter(Boolean);
	for (let index = lines.length - 1; index >= 0; index--) {
		const match = bareVersion.exec(lines[index]!);
		if (match) return match[1]!;
	}

	return null;
}
