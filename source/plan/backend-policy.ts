import type {Flags, FrameworkPlan} from '../config/plan.js';

/** Flags that would switch TensorRT-LLM off the PyTorch backend onto a prebuilt engine. */
const enginePathKeys = ['engine_dir', 'engine_path', 'engine'];

/**
 * SPEC §3: a TensorRT-LLM candidate asking for a non-PyTorch backend is rejected and recorded,
 * never translated. Returns the reason, or null when the candidate is allowed.
 */
export function backendPolicyViolation(framework: Pick<FrameworkPlan, 'name' | 'backendPolicy'>, flags: Flags): string | null {
	if (framework.name !== 'tensorrt_llm' || (framework.backendPolicy ?? 'fixed_pytorch') !== 'fixed_pytorch') {
		return null;
	}

	const backend = flags['backend'];
	if (backend !== undefined && backend !== 'pytorch') {
		return `TensorRT-LLM is fixed to the PyTorch backend (backend_policy: fixed_pytorch); this candidate asks for backend ${JSON.stringify(backend)}, which is not translated or run`;
	}

	const engineKey = enginePathKeys.find(key => key in flags && flags[key] !== null && flags[key] !== false);
	if (engineKey !== undefined) {
		return `TensorRT-LLM is fixed to the PyTorch backend (backend_policy: fixed_pytorch); this candidate points at a TensorRT engine (${engineKey}), which is not run`;
	}

	return null;
}
