import {IssueSink} from '../config/issue-sink.js';
import {loadPlanSource} from '../config/load-plan.js';
import type {Candidate, ConfigIssue, FrameworkPlan, Plan, RejectedCandidate} from '../config/plan.js';
import {frameworkAdapter} from '../frameworks/registry.js';
import {generateCandidates} from './generate-candidates.js';
import type {HelpSet} from './help/load-help.js';
import {validateCandidateFlags, type FlagProblem} from './validate-flags.js';

export type FrameworkCandidates = {
	readonly framework: FrameworkPlan;
	readonly candidates: Candidate[];
	readonly rejected: RejectedCandidate[];
	/** A base flag is not accepted: nothing of this framework can run. */
	readonly unsupported: boolean;
};

export type PlanCheck = {
	readonly file: string;
	readonly plan: Plan | null;
	readonly issues: ConfigIssue[];
	readonly frameworks: FrameworkCandidates[];
};

/** Load, generate candidates for every enabled framework, check their flags; launches nothing. */
export async function checkPlanFile(file: string, helpSet: HelpSet): Promise<PlanCheck> {
	const {plan, issues, source} = await loadPlanSource(file);
	if (plan === null || source === null) {
		return {file, plan, issues, frameworks: []};
	}

	const sink = new IssueSink(source);
	const frameworks = plan.frameworks.filter(framework => framework.enabled).map(framework => checkFrameworkFlags(plan, framework, helpSet, sink));
	return {file, plan, issues: [...issues, ...sink.issues], frameworks};
}

/**
 * A base flag the CLI lacks marks the whole framework unsupported; a search flag or value it lacks
 * rejects exactly the candidates that would pass it, with the reason.
 */
export function checkFrameworkFlags(plan: Plan, framework: FrameworkPlan, helpSet: HelpSet, sink?: IssueSink): FrameworkCandidates {
	const generated = generateCandidates(plan, framework);
	const help = helpSet.byFramework.get(framework.name);
	const yamlKey = framework.yamlKey ?? framework.name;
	if (help === undefined) {
		const glob = frameworkAdapter(framework.name).cli.helpFileGlob;
		sink?.warn(
			['frameworks', yamlKey],
			`flags are NOT validated: no captured help (pass --help-dir with a help file named ${glob}) and no bundled flag catalog for this framework`,
		);
		return {framework, ...generated, unsupported: false};
	}

	const baseProblems = validateCandidateFlags(framework.baseFlags, framework.name, help);
	if (baseProblems.length > 0) {
		for (const problem of baseProblems) {
			sink?.error(
				['frameworks', yamlKey, 'base_server_flags', problem.key],
				`${problem.message}; the whole framework is unsupported until this base flag is fixed`,
			);
		}

		const reason = `framework unsupported: ${baseProblems.map(problem => problem.message).join('; ')}`;
		const rejected = [
			...generated.rejected,
			...generated.candidates.map(candidate => ({id: candidate.id, framework: framework.name, flags: candidate.flags, reason})),
		];
		return {framework, candidates: [], rejected, unsupported: true};
	}

	const candidates: Candidate[] = [];
	const rejected = [...generated.rejected];
	const byProblem = new Map<string, {problem: FlagProblem; ids: string[]}>();
	for (const candidate of generated.candidates) {
		const problems = validateCandidateFlags(candidate.flags, framework.name, help);
		if (problems.length === 0) {
			candidates.push(candidate);
			continue;
		}

		rejected.push({
			id: candidate.id,
			framework: framework.name,
			flags: candidate.flags,
			reason: `unsupported flag: ${problems.map(problem => problem.message).join('; ')}`,
		});
		for (const problem of problems) {
			const key = `${problem.key}\n${problem.message}`;
			const entry = byProblem.get(key) ?? {problem, ids: []};
			entry.ids.push(candidate.id);
			byProblem.set(key, entry);
		}
	}

	for (const {problem, ids} of byProblem.values()) {
		sink?.error(['frameworks', yamlKey, 'search_space', problem.key], `${problem.message}; rejected ${ids.length} candidate(s): ${ids.join(', ')}`);
	}

	return {framework, candidates, rejected, unsupported: false};
}
