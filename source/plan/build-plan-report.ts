import type {Flags, Plan} from '../config/plan.js';
import type {FrameworkName} from '../frameworks/registry.js';
import type {FrameworkCandidates} from './check-plan-file.js';
import {shellQuote} from '../shell/shell-words.js';

export type PlanReport = {
	model: string;
	scenarios: Array<{name: string; input_len: number; output_len: number}>;
	frameworks: Partial<
		Record<
			FrameworkName,
			{
				candidates: Array<{id: string; flags: Flags; argv: string[]; command: string}>;
				rejected: Array<{id?: string; flags: Flags; reason: string}>;
			}
		>
	>;
};

/** What `plan --format json` prints (docs/commands.md): flags are the YAML keys, merged base + search. */
export function buildPlanReport(plan: Plan, frameworks: readonly FrameworkCandidates[]): PlanReport {
	const report: PlanReport = {
		model: plan.model.name,
		scenarios: plan.scenarios.map(scenario => ({name: scenario.name, input_len: scenario.inputLen, output_len: scenario.outputLen})),
		frameworks: {},
	};
	for (const entry of frameworks) {
		report.frameworks[entry.framework.name] = {
			candidates: entry.candidates.map(candidate => ({
				id: candidate.id,
				flags: candidate.flags,
				argv: [...candidate.argv],
				command: shellQuote(candidate.argv),
			})),
			rejected: entry.rejected.map(rejected => ({...(rejected.id === undefined ? {} : {id: rejected.id}), flags: rejected.flags, reason: rejected.reason})),
		};
	}

	return report;
}
