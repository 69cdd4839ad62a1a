import {readFileSync} from 'node:fs';
import type {SimFramework} from '../perf/engine-config.js';

/** One option of a simulated CLI: what it is called, whether it takes a value, how help shows it. */
export type FlagSpec = {
	/** Primary name first, then aliases (`--tensor-parallel-size`, `-tp`). */
	readonly names: string[];
	readonly group: string;
	/** flag: store_true / is_flag; pair: --x / --no-x; value: takes an argument. */
	kind: 'flag' | 'pair' | 'value';
	metavar?: string;
	choices?: string[];
	nargs?: '+';
	help: string;
	default?: string;
};

type FlagInfo = {names: string[]; kind: 'flag' | 'pair' | 'value'; metavar?: string; choices?: string[]; nargs?: '+'; help?: string; default?: string};

const catalogFile: Record<SimFramework, string> = {sglang: 'sglang.txt', vllm: 'vllm.txt', tensorrt_llm: 'tensorrt_llm.txt'};

/** Facts extracted once from the public help captures (reference/help), per flag name. */
function loadInfo(framework: SimFramework): Map<string, FlagInfo> {
	const map = new Map<string, FlagInfo>();
	if (framework === 'tensorrt_llm') {
		return map;
	}

	const file = new URL(`./data/${framework}-flag-info.json`, import.meta.url);
	for (const info of JSON.parse(readFileSync(file, 'utf8')) as FlagInfo[]) {
		for (const name of info.names) {
			map.set(name, info);
		}
	}

	return map;
}

const boolName = /^--(enable|disable|skip|trust|use|allow|is|no-|enforce|async|grpc|telemetry|headless)/;

function guessKind(framework: SimFramework, name: string, comment: string): FlagSpec['kind'] {
	if (/store_true|is_flag/.test(comment)) {
		return 'flag';
	}

	if (/boolean pair/.test(comment)) {
		return 'pair';
	}

	if (framework === 'tensorrt_llm') {
		return 'value';
	}

	if (boolName.test(name) || /^--(trust-remote-code|enable-metrics)$/.test(name)) {
		return framework === 'vllm' ? 'pair' : 'flag';
	}

	return 'value';
}

const cache = new Map<SimFramework, FlagSpec[]>();

/**
 * The accepted flag set of a simulated CLI: exactly the bundled catalog
 * (source/frameworks/catalog/<framework>.txt), enriched with kinds, metavars, choices and help text.
 */
export function flagSpecs(framework: SimFramework): FlagSpec[] {
	const cached = cache.get(framework);
	if (cached) {
		return cached;
	}

	const info = loadInfo(framework);
	const text = readFileSync(new URL(`../../frameworks/catalog/${catalogFile[framework]}`, import.meta.url), 'utf8');
	const specs: FlagSpec[] = [];
	let group = 'options';
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (line.startsWith('## ')) {
			group = line.slice(3).trim();
			continue;
		}

		if (line === '' || line.startsWith('#')) {
			continue;
		}

		const [name = '', ...rest] = line.split(/\s+/);
		const comment = rest.join(' ').replace(/^#\s*/, '');
		const previous = specs.at(-1);
		if (previous && name === `--no-${previous.names[0]!.slice(2)}`) {
			previous.kind = 'pair';
			continue;
		}

		if (previous && (/\balias\b/.test(comment) || /^-[^-]/.test(name))) {
			previous.names.push(name);
			continue;
		}

		if (name === '--help') {
			continue;
		}

		const known = info.get(name);
		const spec: FlagSpec = {names: [name], group, kind: known?.kind ?? guessKind(framework, name, comment), help: known?.help ?? ''};
		if (known?.metavar) spec.metavar = known.metavar;
		if (known?.choices) spec.choices = known.choices;
		if (known?.nargs) spec.nargs = known.nargs;
		if (known?.default) spec.default = known.default;
		specs.push(spec);
	}

	cache.set(framework, specs);
	return specs;
}

/** Long or short name → spec. */
export function flagIndex(specs: readonly FlagSpec[]): Map<string, FlagSpec> {
	const index = new Map<string, FlagSpec>();
	for (const spec of specs) {
		for (const name of spec.names) {
			index.set(name, spec);
		}
	}

	return index;
}
