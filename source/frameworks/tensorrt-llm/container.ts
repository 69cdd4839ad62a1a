import type {ContainerFacts} from '../container-facts.js';

/**
 * The TensorRT-LLM release image builds on NGC PyTorch: its entrypoint prints the PyTorch banner and
 * runs the command (kept, as for SGLang). `import tensorrt_llm` needs `libcuda.so.1`, which the
 * NVIDIA runtime injects only into containers given GPUs (reference/real/docker/trtllm-no-gpu-import.txt),
 * so version and help queries get `--gpus` like the launch.
 */
export const tensorrtLlmContainer: ContainerFacts = {clearEntrypoint: false};
