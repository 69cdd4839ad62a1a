/**
 * The official images' entrypoints, as the simulated `docker run` honours them (sim README). The
 * entrypoint is prepended to the command unless `--entrypoint` replaces it (`''` clears it).
 * - `vllm/vllm-openai`: `ENTRYPOINT ["vllm", "serve"]` (reference/real/docker/vllm-entrypoint.txt).
 * - `lmsysorg/sglang` (on `nvidia/cuda`) and the TensorRT-LLM release image (on NGC PyTorch): NVIDIA's
 *   entrypoint script prints its banner on stdout, then runs the command
 *   (reference/real/version/*-docker-version.stdout.txt).
 */
export type ImageEntrypoint = {readonly argv: readonly string[]; readonly banner: 'cuda' | 'pytorch' | null};

const nvidiaEntrypoint = '/opt/nvidia/nvidia_entrypoint.sh';

export function imageEntrypoint(image: string): ImageEntrypoint {
	const repository = image.replace(/[:@].*$/, '');
	if (/(^|\/)vllm\/vllm-openai$/.test(repository)) return {argv: ['vllm', 'serve'], banner: null};
	if (/(^|\/)lmsysorg\/sglang$/.test(repository)) return {argv: [nvidiaEntrypoint], banner: 'cuda'};
	if (/nvcr\.io\/nvidia\/tensorrt-llm\/release$/.test(repository)) return {argv: [nvidiaEntrypoint], banner: 'pytorch'};
	return {argv: [], banner: null};
}

/** `--entrypoint` replaces the image's; `''` clears it (and with it NVIDIA's banner script). */
export function effectiveEntrypoint(image: string, override: string | null): ImageEntrypoint {
	if (override === null) return imageEntrypoint(image);
	if (override === '') return {argv: [], banner: null};
	return {argv: [override], banner: null};
}

const noDriver = [
	'WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.',
	'   Use the NVIDIA Container Toolkit to start this container with GPU support; see',
	'   https://docs.nvidia.com/datacenter/cloud-native/ .',
	'',
];

/** What NVIDIA's entrypoint script prints before running the command. */
export function bannerText(banner: 'cuda' | 'pytorch', gpus: boolean): string {
	const lines =
		banner === 'cuda'
			? [
					'',
					'==========',
					'== CUDA ==',
					'==========',
					'',
					'CUDA Version 12.9.1',
					'',
					'Container image Copyright (c) 2016-2023, NVIDIA CORPORATION & AFFILIATES. All rights reserved.',
					'',
					'This container image and its contents are governed by the NVIDIA Deep Learning Container License.',
					'By pulling and using the container, you accept the terms and conditions of this license:',
					'https://developer.nvidia.com/ngc/nvidia-deep-learning-container-license',
					'',
					'A copy of this license is made available in this container at /NGC-DL-CONTAINER-LICENSE for your convenience.',
					'',
				]
			: [
					'',
					'=============',
					'== PyTorch ==',
					'=============',
					'',
					'NVIDIA Release 25.06 (build 177567386)',
					'PyTorch Version 2.8.0a0+5228986',
					'',
					'Container image Copyright (c) 2025, NVIDIA CORPORATION & AFFILIATES. All rights reserved.',
					'',
				];
	return `${[...lines, ...(gpus ? [] : noDriver)].join('\n')}\n`;
}
