import type {Command} from './command.js';
import {formatIssue} from '../config/load-plan.js';
import {UsageError} from '../errors.js';
import {helpFileGlobs} from '../frameworks/registry.js';
import {checkPlanFile, type PlanCheck} from '../plan/check-plan-file.js';
import {expandConfigPaths} from '../plan/config-files.js';
import {loadHelpSet} from '../plan/help/load-help.js';
import {parseCommandArgs} from './parse-command-args.js';
import {shellQuote} from '../shell/shell-words.js';
import {planRedactor} from '../secrets/plan-redactor.js';
import {redactDeep} from '../secrets/redact.js';
import {checkHelpDir} from './help-dir.js';

const usage = `Usage: llm-bench-tui validate PATH... [--help-dir DIR] [--print-commands] [--json]

Loads each config (a directory means every *.yaml/*.yml inside), checks schema, SLA keys, sequence
limits and policies, renders every candidate and checks its flags against captured --help files in
DIR (${helpFileGlobs}) or else the bundled flag catalog. Launches nothing.
Exit 0 when every file is valid, 1 otherwise (one line per problem: file:line: yaml.path: message).`;

function summary(check: PlanCheck): string {
	const errors = check.issues.filter(issue => issue.severity === 'error').length;
	if (check.plan === null || errors > 0) {
		return `✗ ${check.file}: ${errors} problem${errors === 1 ? '' : 's'}`;
	}

	const parts = check.frameworks.map(
		entry =>
			`${entry.framework.name} ${entry.candidates.length} candidate${entry.candidates.length === 1 ? '' : 's'}${entry.rejected.length > 0 ? ` (+${entry.rejected.length} rejected)` : ''}`,
	);
	return `✓ ${check.file}: valid — ${parts.length > 0 ? parts.join(', ') : 'no enabled framework'}`;
}

function isValid(check: PlanCheck): boolean {
	return check.plan !== null && check.issues.every(issue => issue.severity !== 'error');
}

/**
 * The --json record of one file: its rendered commands pass through the redactor like printed ones,
 * and so do the rejected candidates (their flags hold a literal `api_key: …` as written). The issues
 * come redacted from the config's issue sink.
 */
function asJson(check: PlanCheck) {
	const redact = planRedactor(check.plan);
	return {
		file: check.file,
		valid: isValid(check),
		issues: check.issues,
		frameworks: Object.fromEntries(
			check.frameworks.map(entry => [
				entry.framework.name,
				{
					candidates: entry.candidates.map(candidate => ({id: candidate.id, command: redact(shellQuote(candidate.argv))})),
					rejected: redactDeep(entry.rejected, redact),
				},
			]),
		),
	};
}

export const command: Command = {
	summary: 'validate — check configs and render their candidates; launches nothing',
	usage,
	shortLived: true,
	async run(argv) {
		const {values, positionals} = parseCommandArgs('validate', usage, argv, {
			'help-dir': {type: 'string'},
			'print-commands': {type: 'boolean'},
			json: {type: 'boolean'},
		});
		if (positionals.length === 0) {
			throw new UsageError(`validate: give at least one config file or directory.\n\n${usage}`);
		}

		const helpSet = await loadHelpSet(await checkHelpDir(values['help-dir']));
		const {files, missing} = await expandConfigPaths(positionals);
		const checks: PlanCheck[] = [];
		for (const file of files) {
			checks.push(await checkPlanFile(file, helpSet));
		}

		// Validity alone: rendering (and redacting) every candidate's command is for what gets printed.
		const failed = checks.filter(check => !isValid(check)).length + missing.length;
		if (values.json) {
			console.log(JSON.stringify({help: helpSet.notes, missing, files: checks.map(check => asJson(check)), valid: failed === 0}, null, 2));
			return failed === 0 ? 0 : 1;
		}

		for (const note of helpSet.notes) {
			console.log(note);
		}

		for (const path of missing) {
			console.log(`${path}: (file): no such file or directory`);
		}

		for (const check of checks) {
			for (const issue of check.issues) {
				console.log(formatIssue(issue));
			}

			console.log(summary(check));
			if (values['print-commands']) {
				const redact = planRedactor(check.plan);
				for (const entry of check.frameworks) {
					for (const candidate of entry.candidates) {
						console.log(`  ${candidate.id}: ${redact(shellQuote(candidate.argv))}`);
					}
				}
			}
		}

		if (files.length === 0 && missing.length === 0) {
			console.log('no *.yaml or *.yml files found');
			return 1;
		}

		console.log(`${files.length + missing.length} file(s) checked: ${files.length + missing.length - failed} valid, ${failed} invalid`);
		return failed === 0 ? 0 : 1;
	},
};
