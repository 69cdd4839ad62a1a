import type {FrameworkName} from '../frameworks/framework-name.js';
import {cliAdapters} from '../frameworks/cli-registry.js';
import {catalogHelp} from '../plan/help/catalog-help.js';
import {parseHelp, unusableHelpReason, type ParsedHelp} from '../plan/help/parse-help.js';
import {validateCandidateFlags} from '../plan/validate-flags.js';
import {runtimeAdapters} from '../frameworks/runtime-registry.js';
import {helpFileName} from './artifacts.js';
import {acceptedExtras, extraArgv, extrasFor} from './launch-extras.js';
import type {FrameworkPrep, RunContext} from './run-context.js';

/** The benchmark CLIs whose help the seed asks to save (informational; failures only warn). */
const benchmarkHelpArgv: Readonly<Record<FrameworkName, readonly string[]>> = {
	sglang: ['python3', '-m', 'sglang.bench_serving', '--help'],
	vllm: ['vllm', 'bench', 'serve', '--help=all'],
	tensorrt_llm: ['python3', '-m', 'tensorrt_llm.serve.scripts.benchmark_serving', '--help'],
};

/** `vllm serve` → `serve`, `python3 -m sglang.launch_server` → `launch_server` (help/<fw>_<cli>.txt). */
function cliName(argv: readonly string[]): string {
	const words = argv[0]?.startsWith('python') ? argv.slice(2) : argv.slice(1).length > 0 ? argv.slice(1) : argv;
	return words.map(word => word.replace(/^(sglang|tensorrt_llm)\./, '').replaceAll('.', '_')).join('_') || 'serve';
}

export type HelpOutcome = {status: 'passed' | 'failed' | 'warning'; detail: string; hint?: string};

/**
 * Capture the server CLI's help in the target environment, save it under help/, and check every
 * candidate's flags against it (seed Workflow 1: never pass an unknown flag silently). An unknown
 * base flag makes the whole framework unsupported; an unknown search flag skips that candidate.
 */
export async function captureHelpAndValidate(context: RunContext, prep: FrameworkPrep, serverCommand: readonly string[]): Promise<HelpOutcome> {
	const name = prep.plan.name;
	const adapter = cliAdapters[name];
	const argv = [...serverCommand, ...adapter.helpArgs];
	const result = await context.executor.run(argv, {framework: name, timeoutMs: 300_000, gpuIds: context.gpuIds});
	const text = `${result.stdout}${result.stderr ? `\n${result.stderr}` : ''}`;
	let help: ParsedHelp;
	let note = '';
	if (result.code === 0 && text.trim()) {
		const cli = cliName(serverCommand);
		const file = context.artifacts.writeText(helpFileName(name, `${cli}${adapter.helpArgs.includes('--help=all') ? '_all' : ''}`), text);
		prep.helpFile = context.artifacts.relative(file);
		help = parseHelp(name, text, [file]);
		const unusable = unusableHelpReason(name, text, help);
		if (unusable) {
			help = catalogHelp(name);
			note = ` (captured help unusable: ${unusable}; checked against the bundled catalog)`;
		}
	} else {
		const why = result.error ?? (result.timedOut ? 'timed out' : `exit ${result.code}: ${text.trim().split('\n').slice(-1)[0] ?? ''}`);
		prep.unsupported = `${argv.join(' ')} failed (${why}); ${name} is not available in this environment`;
		return {status: 'failed', detail: prep.unsupported, hint: `Install ${name} or point the recipe at it (frameworks.${name}.server_command / image).`};
	}

	// TensorRT-LLM is benchmarked on its PyTorch backend only (seed); no fallback to another backend.
	if (name === 'tensorrt_llm' && !/--backend[^\n]*pytorch/.test(text) && help.source === 'help') {
		prep.unsupported = "trtllm-serve serve does not accept '--backend pytorch' here; TensorRT-LLM is unsupported in this environment";
		return {status: 'failed', detail: prep.unsupported, hint: 'Use a TensorRT-LLM build whose serve command has the PyTorch backend.'};
	}

	const baseProblems = validateCandidateFlags(prep.plan.baseFlags, name, help);
	if (baseProblems.length > 0) {
		prep.unsupported = `unsupported base flag: ${baseProblems.map(p => p.message).join('; ')}`;
		return {status: 'failed', detail: prep.unsupported, hint: `Fix frameworks.${name}.base_server_flags; the CLI help is in ${prep.helpFile ?? 'help/'}.`};
	}

	prep.extraLaunchFlags = acceptedExtras(name, runtimeAdapters[name].extraLaunchFlags, help);
	const skipped: string[] = [];
	for (const candidate of prep.candidates) {
		const problems = validateCandidateFlags(candidate.flags, name, help);
		if (problems.length > 0) {
			prep.candidateProblems.set(candidate.id, `unsupported flag: ${problems.map(p => p.message).join('; ')}`);
			skipped.push(candidate.id);
		} else {
			const own = Object.entries(candidate.flags).filter(([, value]) => value !== false && value !== null).map(([key]) => adapter.flagName(key));
			const extras = extraArgv(name, extrasFor(candidate.flags, prep.extraLaunchFlags)).filter(word => word.startsWith('--'));
			prep.acceptedFlags.set(candidate.id, [...own, ...extras]);
		}
	}

	const benchArgv = benchmarkHelpArgv[name];
	const bench = await context.executor.run(benchArgv, {framework: name, timeoutMs: 120_000, gpuIds: context.gpuIds});
	if (bench.code === 0 && bench.stdout.trim()) {
		const file = context.artifacts.writeText(helpFileName(name, cliName(benchArgv.filter(word => !word.startsWith('--')))), bench.stdout);
		prep.benchmarkHelpFile = context.artifacts.relative(file);
	}

	const detail = `${help.flags.size} options accepted${note}; ${prep.candidates.length - skipped.length}/${prep.candidates.length} candidates pass the flag check`;
	return skipped.length > 0
		? {status: 'warning', detail: `${detail}; skipped: ${skipped.join(', ')}`, hint: 'Remove or rename the flags the CLI does not accept.'}
		: {status: 'passed', detail};
}
