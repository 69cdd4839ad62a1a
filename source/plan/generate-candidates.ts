import type {Candidate, FlagValue, Flags, FrameworkPlan, Plan, RejectedCandidate} from '../config/plan.js';
import {frameworkAdapter} from '../frameworks/registry.js';
import {candidateId} from './candidate-id.js';
import {flagsKey, sameValue} from './flag-equality.js';
import {renderServerArgv} from './render-argv.js';

export type CandidateList = {candidates: Candidate[]; rejected: RejectedCandidate[]};

/**
 * docs/candidates.md `baseline_first_bounded_product`, exactly: the base flags alone first; then the
 * cartesian product of search_space in YAML key order with the LAST key varying fastest, each
 * combination merged over the base (search value wins); a combination whose merged flags equal an
 * earlier candidate's is dropped; generation stops once the list holds the budget.
 */
export function boundedProduct(baseFlags: Flags, searchSpace: FrameworkPlan['searchSpace'], budget: number): Flags[] {
	const list: Flags[] = [baseFlags];
	const seen = new Set([flagsKey(baseFlags)]);
	const sizes = searchSpace.map(([, values]) => values.length);
	if (sizes.includes(0)) {
		return list.slice(0, budget);
	}

	const digits = sizes.map(() => 0);
	let more = searchSpace.length > 0;
	while (more && list.length < budget) {
		const merged: Record<string, FlagValue> = {...baseFlags};
		searchSpace.forEach(([key, values], position) => {
			merged[key] = values[digits[position]!]!;
		});
		const key = flagsKey(merged);
		if (!seen.has(key)) {
			seen.add(key);
			list.push(merged);
		}

		more = advance(digits, sizes);
	}

	return list.slice(0, budget);
}

/** Odometer step, last position fastest; false once every combination was visited. */
function advance(digits: number[], sizes: readonly number[]): boolean {
	for (let position = digits.length - 1; position >= 0; position--) {
		digits[position]!++;
		if (digits[position]! < sizes[position]!) {
			return true;
		}

		digits[position] = 0;
	}

	return false;
}

export function diffFromBaseline(baseline: Flags, flags: Flags): Flags {
	const diff: Record<string, FlagValue> = {};
	for (const [key, value] of Object.entries(flags)) {
		if (!sameValue(baseline[key], value)) {
			diff[key] = value;
		}
	}

	return diff;
}

const strategies: Readonly<Record<string, typeof boundedProduct>> = {
	baseline_first_bounded_product: boundedProduct,
};

/** The candidate list of one framework: rendered argv, ids, policy rejections with reasons. */
export function generateCandidates(plan: Plan, framework: FrameworkPlan): CandidateList {
	const strategy = strategies[plan.search.candidateGeneration] ?? boundedProduct;
	const flagSets = strategy(framework.baseFlags, framework.searchSpace, plan.search.maxCandidatesPerFramework);
	const candidates: Candidate[] = [];
	const rejected: RejectedCandidate[] = [];
	flagSets.forEach((flags, index) => {
		const diff = diffFromBaseline(framework.baseFlags, flags);
		// The id names every flag that differs from the baseline, single-valued search keys included.
		const id = candidateId(framework.name, index, index === 0 ? {} : diff);
		const reason = frameworkAdapter(framework.name).config.candidateViolation?.(flags, framework.backendPolicy) ?? null;
		if (reason === null) {
			candidates.push({id, framework: framework.name, index, flags, diff, argv: renderServerArgv(framework, flags, plan.model.name)});
		} else {
			rejected.push({id, framework: framework.name, flags, reason});
		}
	});
	return {candidates, rejected};
}
