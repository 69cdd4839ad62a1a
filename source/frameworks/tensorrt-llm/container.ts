import type {ContainerRules} from '../adapter.js';

/**
 * The TensorRT-LLM release image builds on NGC PyTorch: its entrypoint prints the PyTorch banner and
 * runs the command (kept, as for SGLang). `import tensorrt_llm` needs `libcuda.so.1`, which the
 * NVIDIA runtime injects only into containers given GPUs (reference/real/docker/trtllm-no-gpu-import.txt),
 * so version and help queries get `--gpus` like the launch. Multi-GPU servers need the NCCL and
 * shared-memory settings of its runbook.
 */
export const tensorrtLlmContainer: ContainerRules = {
	clearEntrypoint: false,
	runArgs: gpuCount => (gpuCount > 1 ? ['--ulimit', 'memlock=-1', '--ulimit', 'stack=67108864', '--shm-size=16g', '-e', 'NCCL_IB_DISABLE=1'] : []),
};
