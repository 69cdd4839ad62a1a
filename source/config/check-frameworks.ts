import {didYouMean} from './did-you-mean.js';
import {findFramework, frameworkKeys, frameworkNames, type FrameworkName} from '../frameworks/registry.js';
import {checkFramework} from './check-framework.js';
import type {SequenceContext} from './check-sequence-limits.js';
import type {IssueSink} from './issue-sink.js';
import type {FrameworkPlan} from './plan.js';
import {isMapping} from './unknown-keys.js';

const validKeys = frameworkKeys;
const names = frameworkNames.join(', ');

/** Resolves `frameworks.<key>` (and `version_manifest.<key>`) names, aliases included. */
export function resolveFrameworkKeys(sink: IssueSink, raw: Record<string, unknown>, section: string): Map<FrameworkName, string> {
	const resolved = new Map<FrameworkName, string>();
	for (const key of Object.keys(raw)) {
		const name = findFramework(key);
		if (name === undefined) {
			sink.error([section, key], `unknown framework '${key}'${didYouMean(key, validKeys)}; valid: ${validKeys.join(', ')}`);
		} else if (resolved.has(name)) {
			sink.error([section, key], `'${key}' and '${resolved.get(name)}' name the same framework; keep one`);
		} else {
			resolved.set(name, key);
		}
	}

	return resolved;
}

export function checkFrameworks(sink: IssueSink, context: SequenceContext, raw: unknown, manifest: Record<string, unknown> | null): FrameworkPlan[] | null {
	if (raw === undefined || raw === null) {
		sink.error(['frameworks'], `is required: at least one of ${names}`);
		return null;
	}

	if (!isMapping(raw)) {
		sink.error(['frameworks'], `expected a mapping of framework name to its section (${names})`);
		return null;
	}

	const manifestKeys = manifest ? resolveFrameworkKeys(sink, manifest, 'version_manifest') : new Map<FrameworkName, string>();
	const plans: FrameworkPlan[] = [];
	let complete = true;
	for (const [name, key] of resolveFrameworkKeys(sink, raw, 'frameworks')) {
		const manifestKey = manifestKeys.get(name);
		const entry = manifestKey !== undefined && manifest ? manifest[manifestKey] : null;
		const plan = checkFramework(sink, context, name, raw[key], ['frameworks', key], isMapping(entry) ? entry : null);
		if (plan === null) {
			complete = false;
		} else {
			plans.push(plan);
		}
	}

	if (plans.length > 0 && plans.every(plan => !plan.enabled)) {
		sink.warn(['frameworks'], 'every framework is disabled: nothing would run');
	}

	if (Object.keys(raw).length === 0) {
		sink.error(['frameworks'], `is empty: add at least one of ${names}`);
		return null;
	}

	return complete ? plans : null;
}
