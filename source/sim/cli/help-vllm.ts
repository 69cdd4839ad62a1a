import {flagSpecs, type FlagSpec} from './flag-spec.js';
import {argparseEntry, argparseInvocation} from './help-format.js';

export const vllmServeUsage = 'usage: vllm serve [model_tag] [options]';

const description = `Launch a local OpenAI-compatible API server to serve LLM
completions via HTTP. Defaults to Qwen/Qwen3-0.6B if no model is specified.

Search by using: \`--help=<ConfigGroup>\` to explore options by section (e.g.,
--help=ModelConfig, --help=Frontend)
  Use \`--help=all\` to show all available flags at once.`;

const groupDescriptions: Record<string, string> = {
	Frontend: 'Arguments for the OpenAI-compatible frontend server.',
	ModelConfig: 'Configuration for the model.',
	LoadConfig: 'Configuration for loading the model weights.',
	AttentionConfig: 'Configuration for attention mechanisms in vLLM.',
	StructuredOutputsConfig: 'Dataclass which contains structured outputs config for the engine.',
	ParallelConfig: 'Configuration for the distributed execution.',
	CacheConfig: 'Configuration for the KV cache.',
	OffloadConfig: 'Configuration for model weight offloading to reduce GPU memory usage.',
	MultiModalConfig: 'Controls the behavior of multimodal models.',
	LoRAConfig: 'Configuration for LoRA.',
	ObservabilityConfig: 'Configuration for observability - metrics and tracing.',
	SchedulerConfig: 'Scheduler configuration.',
	CompilationConfig: 'Configuration for compilation.',
	KernelConfig: 'Configuration for kernel selection and warmup behavior.',
	VllmConfig: 'Dataclass which contains all vllm-related configuration.',
};

const epilog = `For full list:            vllm serve --help=all
For a section:            vllm serve --help=ModelConfig    (case-insensitive)
For a flag:               vllm serve --help=max-model-len  (_ or - accepted)
Documentation:            https://docs.vllm.ai`;

/** Catalog groups named like vLLM's config classes; everything else is printed under `options`. */
function groupOf(spec: FlagSpec): string {
	return groupDescriptions[spec.group] ? spec.group : 'options';
}

function entry(spec: FlagSpec): string {
	const help = spec.help === '' ? '' : `${spec.help}${spec.default === undefined ? '' : ` (default: ${spec.default})`}`;
	return argparseEntry(argparseInvocation(spec, true), help);
}

function groups(): Map<string, FlagSpec[]> {
	const map = new Map<string, FlagSpec[]>([['options', []]]);
	for (const title of Object.keys(groupDescriptions)) {
		map.set(title, []);
	}

	for (const spec of flagSpecs('vllm')) {
		map.get(groupOf(spec))!.push(spec);
	}

	for (const list of map.values()) {
		list.sort((a, b) => a.names[0]!.localeCompare(b.names[0]!));
	}

	return map;
}

function section(title: string, specs: readonly FlagSpec[]): string {
	const head = title === 'options' ? 'options:' : `${title}:\n  ${groupDescriptions[title]}\n`;
	const rows = specs.map(entry);
	if (title === 'options') {
		rows.push(argparseEntry('-h, --help', 'show this help message and exit'));
	}

	return `${head}\n${rows.join('\n')}`;
}

/** `vllm serve --help[=…]` in vLLM's format (reference/help/vllm_serve_help_*.txt). */
export function vllmServeHelp(topic: string): {text: string; ok: boolean} {
	const all = groups();
	const header = `${vllmServeUsage}\n\n${description}\n`;
	if (topic === '') {
		const lines = ['  positional arguments    ', '  options                 '];
		for (const [title, text] of Object.entries(groupDescriptions)) {
			lines.push(`  ${title.padEnd(24)}${text}`);
		}

		return {ok: true, text: `${header}\nConfig Groups:\n${lines.join('\n')}\n\n${epilog}\n`};
	}

	const positional = 'positional arguments:\n  model_tag             The model tag to serve (optional if specified in config) (default: None)';
	if (topic.toLowerCase() === 'all') {
		const sections = [...all.entries()].map(([title, specs]) => section(title, specs));
		return {ok: true, text: `${header}\n${positional}\n\n${sections.join('\n\n')}\n\n${epilog}\n`};
	}

	const wanted = topic.toLowerCase().replaceAll('_', '-');
	const groupHit = [...all.keys()].find(title => title.toLowerCase() === wanted);
	if (groupHit) {
		return {ok: true, text: `${header}\n${section(groupHit, all.get(groupHit)!)}\n`};
	}

	const matches = flagSpecs('vllm').filter(spec => spec.names.some(name => name.includes(wanted)));
	if (matches.length === 0) {
		return {
			ok: false,
			text: `No group or arguments matching '${topic}'. Use '--help' to see available groups or '--help=all' to see all available parameters.\n`,
		};
	}

	return {ok: true, text: `${header}\nArguments matching '${topic}':\n${matches.map(entry).join('\n')}\n`};
}
