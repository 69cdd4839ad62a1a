import type {IssueSink} from './issue-sink.js';
import type {FlagValue, Flags} from './plan.js';
import type {PathSegment} from './yaml-source.js';

/**
 * SPEC §3 TensorRT-LLM policy: the product benchmarks the PyTorch backend only. The TensorRT
 * engine path needs a separate build step and is never translated from a flag.
 */
export function checkBackendPolicy(
	sink: IssueSink,
	shape: 'cookbook' | 'runtime',
	policy: string | null | undefined,
	baseFlags: Flags,
	searchSpace: ReadonlyArray<readonly [string, readonly FlagValue[], boolean]>,
	path: readonly PathSegment[],
): void {
	if (policy === undefined || policy === null) {
		if (shape === 'cookbook') {
			sink.error([...path, 'backend_policy'], "is required for TensorRT-LLM: set 'backend_policy: fixed_pytorch'");
		}
	} else if (policy !== 'fixed_pytorch') {
		sink.error([...path, 'backend_policy'], `must be 'fixed_pytorch' (TensorRT-LLM runs on the PyTorch backend only), got '${policy}'`);
	}

	const base = baseFlags['backend'];
	if (base === undefined) {
		sink.error([...path, 'base_server_flags'], "TensorRT-LLM needs 'backend: pytorch' in base_server_flags (older releases default to the TensorRT engine path)");
	} else if (base !== 'pytorch') {
		sink.error([...path, 'base_server_flags', 'backend'], `must be 'pytorch' (backend_policy: fixed_pytorch), got ${JSON.stringify(base)}; TensorRT engine builds are not benchmarked`);
	}

	if (searchSpace.some(([key]) => key === 'backend')) {
		sink.error([...path, 'search_space', 'backend'], 'TensorRT-LLM backend must not be searched (backend_policy: fixed_pytorch); remove it from search_space and keep base backend: pytorch');
	}
}
