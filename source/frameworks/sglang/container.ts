import type {ContainerRules} from '../adapter.js';

/**
 * `lmsysorg/sglang` builds on `nvidia/cuda`, whose entrypoint script prints the CUDA banner and then
 * runs the command (reference/real/version/sglang-docker-version.stdout.txt). It is kept (it also
 * sets the container's CUDA environment); the banner is why versions are read from the last line.
 */
export const sglangContainer: ContainerRules = {clearEntrypoint: false};
