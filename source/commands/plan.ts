import type {Command} from './command.js';
import {formatIssue} from '../config/load-plan.js';
import {UsageError, UserError} from '../errors.js';
import {stringify as stringifyYaml} from 'yaml';
import {loadRecipe} from '../recipes/load-recipe.js';
import {renderJobs, RenderError} from '../executors/kubernetes/render-jobs.js';
import {buildPlanReport} from '../plan/build-plan-report.js';
import {checkPlanFile, type PlanCheck} from '../plan/check-plan-file.js';
import {loadHelpSet} from '../plan/help/load-help.js';
import {parseCommandArgs} from './parse-command-args.js';
import {shellQuote} from '../shell/shell-words.js';
import {redactDeep} from '../secrets/redact.js';
import {planRedactor} from '../secrets/plan-redactor.js';
import {checkHelpDir} from './help-dir.js';

const usage = `Usage: llm-bench-tui plan CONFIG [--format text|json] [--help-dir DIR] [--recipe KUBERNETES_RECIPE]

Prints the bounded candidate list per enabled framework (baseline first), each with its exact
server command, and the rejected candidates with their reasons. A dry run: launches nothing.
With a kubernetes recipe (kind: kubernetes) it prints one batch/v1 Job per candidate instead, as
YAML for \`kubectl apply -f -\` (no API server is contacted).`;

function printText(check: PlanCheck, notes: readonly string[]): void {
	const plan = check.plan!;
	const redact = planRedactor(plan);
	const scenarios = plan.scenarios.map(scenario => `${scenario.name} (${scenario.inputLen}→${scenario.outputLen})`).join(', ');
	console.log(`${plan.model.name} — ${plan.scenarios.length} scenario(s): ${scenarios}`);
	console.log(`budget ${plan.search.maxCandidatesPerFramework} candidates per framework (${plan.search.candidateGeneration})`);
	for (const note of notes) {
		console.log(note);
	}

	for (const entry of check.frameworks) {
		console.log(`\n${entry.framework.name}: ${entry.candidates.length} candidate(s), ${entry.rejected.length} rejected`);
		for (const candidate of entry.candidates) {
			console.log(`  ${candidate.id}\n    ${redact(shellQuote(candidate.argv))}`);
		}

		for (const rejected of entry.rejected) {
			console.log(`  rejected ${rejected.id ?? ''}: ${redact(rejected.reason)}`);
		}
	}
}

/** `plan --recipe`: the candidates as Kubernetes Jobs (multi-document YAML), or a user error saying why not. */
function kubernetesManifests(check: PlanCheck, recipeName: string): string {
	const loaded = loadRecipe(recipeName);
	if (loaded.recipe.kind !== 'kubernetes')
		throw new UsageError(
			`plan --recipe: ${recipeName} is a ${loaded.recipe.kind} recipe; only a kubernetes recipe is rendered by plan (run the others with \`run --recipe\`)`,
		);
	const plan = check.plan!;
	let jobs: ReturnType<typeof renderJobs>;
	try {
		jobs = renderJobs({
			recipe: loaded.recipe,
			modelName: plan.model.name,
			gpuCount: plan.hardware.gpuCount,
			frameworks: check.frameworks.filter(entry => !entry.unsupported),
		});
	} catch (error) {
		if (error instanceof RenderError) throw new UserError(`${loaded.file ?? recipeName}: ${error.message}`);
		throw error;
	}

	const redact = planRedactor(plan);
	return jobs.map(job => `---\n${stringifyYaml(redactDeep(job, redact), {lineWidth: 0})}`).join('');
}

export const command: Command = {
	summary: 'plan — print the bounded candidate list per framework (dry run)',
	usage,
	shortLived: true,
	async run(argv) {
		const {values, positionals} = parseCommandArgs('plan', usage, argv, {
			format: {type: 'string', default: 'text'},
			'help-dir': {type: 'string'},
			recipe: {type: 'string'},
		});
		if (positionals.length !== 1) {
			throw new UsageError(`plan: give exactly one CONFIG file.\n\n${usage}`);
		}

		if (values.format !== 'text' && values.format !== 'json') {
			throw new UsageError(`plan: --format must be text or json, got '${values.format}'`);
		}

		const helpSet = await loadHelpSet(await checkHelpDir(values['help-dir']));
		const check = await checkPlanFile(positionals[0]!, helpSet);
		for (const issue of check.issues) {
			console.error(formatIssue(issue));
		}

		if (check.plan === null) {
			return 1;
		}

		if (values.recipe !== undefined) {
			if (check.issues.some(issue => issue.severity === 'error')) return 1;
			console.log(kubernetesManifests(check, values.recipe));
			return 0;
		}

		if (values.format === 'json') {
			console.log(JSON.stringify(redactDeep(buildPlanReport(check.plan, check.frameworks), planRedactor(check.plan)), null, 2));
		} else {
			printText(check, helpSet.notes);
		}

		return check.issues.some(issue => issue.severity === 'error') ? 1 : 0;
	},
};
