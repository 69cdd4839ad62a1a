import type {Flags} from '../flags.js';
import type {ConfigRules, SectionIssue} from '../adapter.js';

/**
 * The product benchmarks TensorRT-LLM on its PyTorch backend only (`backend_policy:
 * fixed_pytorch`): the TensorRT engine path needs a separate build step and is never translated
 * from a flag. Checked in the config, per generated candidate, and against the captured help.
 */
export const fixedPytorch = 'fixed_pytorch';

/** Flags that would switch it off the PyTorch backend onto a prebuilt engine. */
const enginePathKeys = ['engine_dir', 'engine_path', 'engine'];

export const checkBackendPolicy: NonNullable<ConfigRules['checkSection']> = ({shape, backendPolicy, baseFlags, searchSpace}) => {
	const issues: SectionIssue[] = [];
	const error = (path: ReadonlyArray<string | number>, message: string) => issues.push({path, message, severity: 'error'});
	if (backendPolicy === undefined || backendPolicy === null) {
		if (shape === 'cookbook') error(['backend_policy'], `is required for TensorRT-LLM: set 'backend_policy: ${fixedPytorch}'`);
	} else if (backendPolicy !== fixedPytorch) {
		error(['backend_policy'], `must be '${fixedPytorch}' (TensorRT-LLM runs on the PyTorch backend only), got '${backendPolicy}'`);
	}

	const base = baseFlags.backend;
	if (base === undefined) {
		error(['base_server_flags'], "TensorRT-LLM needs 'backend: pytorch' in base_server_flags (older releases default to the TensorRT engine path)");
	} else if (base !== 'pytorch') {
		error(
			['base_server_flags', 'backend'],
			`must be 'pytorch' (backend_policy: ${fixedPytorch}), got ${JSON.stringify(base)}; TensorRT engine builds are not benchmarked`,
		);
	}

	if (searchSpace.some(([key]) => key === 'backend')) {
		error(
			['search_space', 'backend'],
			`TensorRT-LLM backend must not be searched (backend_policy: ${fixedPytorch}); remove it from search_space and keep base backend: pytorch`,
		);
	}

	return issues;
};

/** A candidate asking for a non-PyTorch backend is rejected and recorded, never translated. */
export function backendPolicyViolation(flags: Flags, backendPolicy: string | null): string | null {
	if ((backendPolicy ?? fixedPytorch) !== fixedPytorch) return null;
	const backend = flags.backend;
	if (backend !== undefined && backend !== 'pytorch') {
		return `TensorRT-LLM is fixed to the PyTorch backend (backend_policy: ${fixedPytorch}); this candidate asks for backend ${JSON.stringify(backend)}, which is not translated or run`;
	}

	const engineKey = enginePathKeys.find(key => key in flags && flags[key] !== null && flags[key] !== false);
	if (engineKey !== undefined) {
		return `TensorRT-LLM is fixed to the PyTorch backend (backend_policy: ${fixedPytorch}); this candidate points at a TensorRT engine (${engineKey}), which is not run`;
	}

	return null;
}

/** A serve command without `--backend … pytorch` cannot run as benchmarked; no fallback to another backend. */
export function pytorchBackendMissing(helpText: string): {detail: string; hint: string} | null {
	return /--backend[^\n]*pytorch/.test(helpText)
		? null
		: {
				detail: "trtllm-serve serve does not accept '--backend pytorch' here; TensorRT-LLM is unsupported in this environment",
				hint: 'Use a TensorRT-LLM build whose serve command has the PyTorch backend.',
			};
}
