import type {ContainerRules} from '../adapter.js';

/**
 * `vllm/vllm-openai` ends with `ENTRYPOINT ["vllm", "serve"]` (vLLM docker/Dockerfile; older images
 * `python3 -m vllm.entrypoints.openai.api_server`): `docker run IMAGE vllm --version` would run
 * `vllm serve vllm --version`, and `vllm bench serve --help=all` would print the *serve* help
 * (reference/real/docker/vllm-entrypoint.txt). Every docker run of it therefore clears the entrypoint.
 */
export const vllmContainer: ContainerRules = {clearEntrypoint: true};
