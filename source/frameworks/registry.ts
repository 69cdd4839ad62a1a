import * as v from 'valibot';
import type {Configured, FrameworkAdapter} from './adapter.js';
import {openAiCompatibleAdapter} from './openai-compatible/adapter.js';
import {sglangAdapter} from './sglang/adapter.js';
import {tensorrtLlmAdapter} from './tensorrt-llm/adapter.js';
import {vllmAdapter} from './vllm/adapter.js';

/**
 * The one list of frameworks. Names, labels, YAML aliases, chart letters and colours, and every
 * per-framework rule come from here; adding a framework = its folder + one line below. Order is
 * the order frameworks are listed, checked and run in.
 */
const adapters = {
	sglang: sglangAdapter,
	vllm: vllmAdapter,
	tensorrt_llm: tensorrtLlmAdapter,
	openai_compatible: openAiCompatibleAdapter,
} as const satisfies Readonly<Record<string, FrameworkAdapter>>;

export type FrameworkName = keyof typeof adapters;
export const frameworkNames = Object.keys(adapters) as [FrameworkName, ...FrameworkName[]];
export const FrameworkNameSchema = v.picklist(frameworkNames);

export function frameworkAdapter(name: FrameworkName): FrameworkAdapter {
	return adapters[name];
}

/** Every key that names a framework in YAML or on the command line: names, then aliases. */
export const frameworkKeys: readonly string[] = [...frameworkNames, ...frameworkNames.flatMap(name => adapters[name].aliases)];

/** A framework's name from its name or an alias (`trtllm`); undefined when none matches. */
export function findFramework(key: string): FrameworkName | undefined {
	return frameworkNames.find(name => name === key || adapters[name].aliases.includes(key));
}

/** Help file names `--help-dir` recognises, one glob per framework, for messages and usage texts. */
export const helpFileGlobs = frameworkNames.map(name => adapters[name].cli.helpFileGlob).join(', ');

/** The display label; a name the registry does not hold (an imported row's) is shown as written. */
export function frameworkLabel(framework: string): string {
	const name = findFramework(framework);
	return name ? adapters[name].label : framework;
}

/** The CLI and runtime for one plan section: a framework's settings may change them (openai_compatible). */
export function configuredFramework(plan: {readonly name: FrameworkName; readonly settings?: Readonly<Record<string, unknown>>}): Configured {
	const adapter = adapters[plan.name] as FrameworkAdapter;
	return adapter.configure ? adapter.configure(plan.settings ?? {}) : {cli: adapter.cli, runtime: adapter.runtime};
}

const spareLetters = 'abcdefghijklmnopqrstuvwxyz';
const spareColours = ['#862e9c', '#e67700', '#0b7285', '#5c940d', '#c2255c', '#364fc7'];

/**
 * Chart marks for the frameworks on one chart: each registered framework keeps its own letter;
 * any other (an imported row's framework) gets its first free letter, so marks never collide.
 */
export function chartLetters(frameworks: readonly string[]): ReadonlyMap<string, string> {
	const letters = new Map<string, string>();
	const used = new Set(frameworkNames.map(name => adapters[name].chartLetter));
	for (const framework of frameworks) {
		const name = findFramework(framework);
		if (name) {
			letters.set(framework, adapters[name].chartLetter);
		} else if (!letters.has(framework)) {
			const letter = [...framework.toLowerCase(), ...spareLetters].find(char => /[a-z]/.test(char) && !used.has(char)) ?? '?';
			used.add(letter);
			letters.set(framework, letter);
		}
	}

	return letters;
}

/** Series colour in the HTML report; an unregistered framework gets a spare colour by its position. */
export function frameworkColour(framework: string, index: number): string {
	const name = findFramework(framework);
	if (name) return adapters[name].colour;
	const free = spareColours.filter(colour => !frameworkNames.some(known => adapters[known].colour === colour));
	return free[index % free.length]!;
}
