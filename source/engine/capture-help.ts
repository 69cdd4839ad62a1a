import {configuredFramework, frameworkAdapter, frameworkLabel} from '../frameworks/registry.js';
import {catalogHelp} from '../plan/help/catalog-help.js';
import {parseHelp, unusableHelpReason, type ParsedHelp} from '../plan/help/parse-help.js';
import {validateCandidateFlags} from '../plan/validate-flags.js';
import {helpFileName} from './artifacts.js';
import {launchFlagNames} from '../plan/render-argv.js';
import {acceptedExtras, extrasFor} from './launch-extras.js';
import type {FrameworkPreflight, RunBase} from './run-context.js';

/**
 * The words after the program, for help/<fw>_<cli>.txt: `x serve` → `serve`, `python3 -m
 * pkg.launch_server` → `launch_server` (the module's package is already in the framework prefix).
 */
function cliName(argv: readonly string[]): string {
	const words = argv[0]?.startsWith('python') ? argv.slice(2) : argv.slice(1).length > 0 ? argv.slice(1) : argv;
	return words.map(word => word.replace(/^[A-Za-z_]\w*\.(?=\w)/, '').replaceAll('.', '_')).join('_') || 'serve';
}

export type HelpOutcome = {status: 'passed' | 'failed' | 'warning'; detail: string; hint?: string};

/** What the help capture learned about a framework; preflight merges it into the framework's result. */
export type HelpFindings = Pick<
	FrameworkPreflight,
	'unsupported' | 'helpFile' | 'benchmarkHelpFile' | 'candidateProblems' | 'acceptedFlags' | 'extraLaunchFlags'
>;

/**
 * Capture the server CLI's help in the target environment, save it under help/, and check every
 * candidate's flags against it (seed Workflow 1: never pass an unknown flag silently). An unknown
 * base flag makes the whole framework unsupported; an unknown search flag skips that candidate.
 */
export async function captureHelpAndValidate(
	context: Pick<RunBase, 'executor' | 'artifacts' | 'gpuIds'>,
	prep: Pick<FrameworkPreflight, 'plan' | 'candidates'>,
	serverCommand: readonly string[],
): Promise<{outcome: HelpOutcome; findings: HelpFindings}> {
	const name = prep.plan.name;
	const found: {
		unsupported: string | null;
		helpFile: string | null;
		benchmarkHelpFile: string | null;
		extraLaunchFlags?: HelpFindings['extraLaunchFlags'];
	} = {unsupported: null, helpFile: null, benchmarkHelpFile: null};
	const candidateProblems = new Map<string, string>();
	const acceptedFlags = new Map<string, string[]>();
	const done = (outcome: HelpOutcome) => ({outcome, findings: {...found, candidateProblems, acceptedFlags}});
	const framework = frameworkAdapter(name);
	const {cli: adapter, runtime} = configuredFramework(prep.plan);
	const argv = adapter.helpCommand(serverCommand);
	if (argv === null) {
		// Nothing to check against: candidates run with their flags as written (rows record no
		// validated flags), and the check says so.
		return done({
			status: 'warning',
			detail: `no help capture configured: ${frameworkLabel(name)} flags are NOT validated before launch`,
			hint: `Set frameworks.${prep.plan.yamlKey ?? name}.help_command to the server's help command to check its flags.`,
		});
	}

	const result = await context.executor.run(argv, {framework: name, timeoutMs: 300_000, gpuIds: context.gpuIds});
	const text = `${result.stdout}${result.stderr ? `\n${result.stderr}` : ''}`;
	let help: ParsedHelp;
	let note = '';
	if (result.code === 0 && text.trim()) {
		const cli = cliName(argv.filter(word => !word.startsWith('--')));
		const file = context.artifacts.writeText(helpFileName(name, `${cli}${argv.includes('--help=all') ? '_all' : ''}`), text);
		found.helpFile = context.artifacts.relative(file);
		help = parseHelp(name, text, [file]);
		const unusable = unusableHelpReason(name, text, help);
		const catalog = unusable ? catalogHelp(name) : null;
		if (unusable && catalog === null) {
			return done({
				status: 'warning',
				detail: `captured help ${found.helpFile} is unusable (${unusable}) and there is no bundled catalog: ${frameworkLabel(name)} flags are NOT validated before launch`,
				hint: "Point the help capture at a command that prints the server's full option list.",
			});
		}

		if (unusable && catalog) {
			help = catalog;
			note = ` (captured help unusable: ${unusable}; checked against the bundled catalog)`;
		}
	} else {
		const why = result.error ?? (result.timedOut ? 'timed out' : `exit ${result.code}: ${text.trim().split('\n').slice(-1)[0] ?? ''}`);
		found.unsupported = `${argv.join(' ')} failed (${why}); ${name} is not available in this environment`;
		return done({status: 'failed', detail: found.unsupported, hint: `Install ${name} or point the recipe at it (frameworks.${name}.server_command / image).`});
	}

	// A help that shows the framework cannot run as benchmarked here (no fallback to another mode).
	const problem = help.source === 'help' ? framework.help.environmentProblem?.(text) : null;
	if (problem) {
		found.unsupported = problem.detail;
		return done({status: 'failed', detail: problem.detail, hint: problem.hint});
	}

	const baseProblems = validateCandidateFlags(prep.plan.baseFlags, name, help);
	if (baseProblems.length > 0) {
		found.unsupported = `unsupported base flag: ${baseProblems.map(p => p.message).join('; ')}`;
		return done({
			status: 'failed',
			detail: found.unsupported,
			hint: `Fix frameworks.${name}.base_server_flags; the CLI help is in ${found.helpFile ?? 'help/'}.`,
		});
	}

	found.extraLaunchFlags = acceptedExtras(name, runtime.extraLaunchFlags, help);
	const skipped: string[] = [];
	for (const candidate of prep.candidates) {
		const problems = validateCandidateFlags(candidate.flags, name, help);
		if (problems.length > 0) {
			candidateProblems.set(candidate.id, `unsupported flag: ${problems.map(p => p.message).join('; ')}`);
			skipped.push(candidate.id);
		} else {
			acceptedFlags.set(candidate.id, launchFlagNames(name, candidate.flags, extrasFor(candidate.flags, found.extraLaunchFlags)));
		}
	}

	const benchArgv = adapter.benchmarkHelpCommand;
	const bench = benchArgv ? await context.executor.run(benchArgv, {framework: name, timeoutMs: 120_000, gpuIds: context.gpuIds}) : null;
	if (benchArgv && bench && bench.code === 0 && bench.stdout.trim()) {
		const file = context.artifacts.writeText(helpFileName(name, cliName(benchArgv.filter(word => !word.startsWith('--')))), bench.stdout);
		found.benchmarkHelpFile = context.artifacts.relative(file);
	}

	const detail = `${help.flags.size} options accepted${note}; ${prep.candidates.length - skipped.length}/${prep.candidates.length} candidates pass the flag check`;
	return done(
		skipped.length > 0
			? {status: 'warning', detail: `${detail}; skipped: ${skipped.join(', ')}`, hint: 'Remove or rename the flags the CLI does not accept.'}
			: {status: 'passed', detail},
	);
}
