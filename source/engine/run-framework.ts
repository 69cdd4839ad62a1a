import type {Candidate} from '../config/plan.js';
import {earlyCut} from './early-cut.js';
import {checkGpus} from './preflight.js';
import {repeatContenders} from './repeat-contenders.js';
import {prepareAdaptive, type JobProbe} from './adaptive/adaptive.js';
import {runAtMost} from './run-at-most.js';
import {abortedPrefix, abortReason, candidateDone, recordRemaining, runCandidate} from './run-candidate.js';
import type {FrameworkPrep, RunContext} from './run-context.js';

/**
 * Every candidate of one framework, in order, at most the placer's `parallel` at once: fresh server
 * each, rows as they are known. Skips (policy, flags, operator) become rows; a framework whose first
 * candidates all fail the same way is cut short with that reason (early-cut.ts, the same at any
 * parallelism); abort records everything left as skipped.
 */
export async function runFramework(context: RunContext, prep: FrameworkPrep): Promise<void> {
	const {bus} = context;
	const name = prep.plan.name;
	bus.emit({type: 'framework-started', framework: name, version: prep.version});
	let cut: string | null = prep.unsupported;
	if (!cut && !context.runSignal.aborted && prep.candidates.some(c => !candidateDone(context, c))) {
		// The GPUs may have been taken since preflight (another user, a leaked server).
		if (!(await checkGpus(context, `gpus-${name}`)).ok) cut = 'a requested GPU became busy before this framework started (see the gpus check)';
	}

	// Adaptive search (source/engine/adaptive/): the guard's rows first, then a probe before each job.
	const adaptive = context.plan.search.strategy === 'adaptive' && !cut && !context.runSignal.aborted ? await prepareAdaptive(context, prep) : null;
	const early = earlyCut(reason => bus.emit({type: 'warning', message: `${name}: ${reason}`}));
	await runCandidates(
		context,
		prep,
		prep.candidates,
		async () => {
			const before = cut ?? (await early.beforeStart());
			return before ? {kind: 'framework-cut', reason: before} : null;
		},
		early.launched,
		adaptive?.probe,
	);
	cut ??= early.reason;
	if (!cut && !context.runSignal.aborted) await repeatContenders(context, prep);
	bus.emit({type: 'framework-finished', framework: name, ...(cut ? {reason: cut} : {})});
}

/** Why a candidate is not started: a cut of its framework, with the reason its rows get. */
type Gate = () => Promise<{kind: 'framework-cut'; reason: string} | null>;

/**
 * "Run these candidates, at most `parallel` at once" (the placer's): each is done already (resume),
 * skipped with a row (abort, its framework cut by `gate`, an unsupported flag, the operator's skip
 * queue), or launched and measured; `onLaunch` hears how each launched one ended.
 */
export async function runCandidates(
	context: RunContext,
	prep: FrameworkPrep,
	candidates: readonly Candidate[],
	gate: Gate,
	onLaunch: () => (end: {failureKind: string | null; reason: string | null} | 'withdrawn') => void = () => () => {},
	/** Adaptive search: a probe before each job of a launched candidate (source/engine/adaptive/adaptive.ts). */
	probe?: JobProbe,
): Promise<void> {
	const {bus} = context;
	const total = prep.candidates.length;
	await runAtMost(candidates, context.placer.parallel, async candidate => {
		if (candidateDone(context, candidate)) return;
		const skip = (reason: string, kind: 'run-aborted' | 'framework-cut' | 'unsupported' | 'operator', said = reason) => {
			recordRemaining(context, candidate, 'skipped', reason, {}, {kind});
			bus.emit({type: 'candidate-skipped', candidateId: candidate.id, framework: candidate.framework, reason: said});
		};
		if (context.runSignal.aborted) return skip(`${abortedPrefix}: ${abortReason(context)}`, 'run-aborted', abortReason(context));
		// A cut wins over the candidate's own problem, as in a sequential run (so its row says the cut).
		const cut = await gate();
		const problem = prep.candidateProblems.get(candidate.id);
		// Waiting for the gate may have outlasted the run.
		if (context.runSignal.aborted) return skip(`${abortedPrefix}: ${abortReason(context)}`, 'run-aborted', abortReason(context));
		if (cut) return skip(cut.reason, 'framework-cut');
		if (problem) return skip(problem, 'unsupported');
		if (context.ledger.skipQueued.has(candidate.id)) return skip('skipped by operator', 'operator');
		const settle = onLaunch();
		const outcome = await runCandidate(context, prep, candidate, total, undefined, probe);
		bus.emit({
			type: 'candidate-finished',
			candidateId: candidate.id,
			framework: candidate.framework,
			status: outcome.status,
			...(outcome.reason ? {reason: outcome.reason} : {}),
		});
		settle(outcome.status === 'skipped' ? 'withdrawn' : {failureKind: outcome.failureKind, reason: outcome.reason});
	});
}
