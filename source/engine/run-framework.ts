import type {FrameworkPrep, RunContext} from './run-context.js';
import {abortedPrefix, abortReason, candidateDone, recordRemaining, runCandidate} from './run-candidate.js';
import {checkGpus} from './preflight.js';
import {repeatContenders} from './repeat-contenders.js';

/** After this many launched candidates failing the same way, the rest would fail too. */
const earlyCutAfter = 3;

/**
 * Every candidate of one framework, in order: fresh server each, rows as they are known. Skips
 * (policy, flags, operator) become rows; a framework whose first candidates all fail the same way
 * is cut short with that reason; abort records everything left as skipped.
 */
export async function runFramework(context: RunContext, prep: FrameworkPrep): Promise<void> {
	const {bus} = context;
	const name = prep.plan.name;
	bus.emit({type: 'framework-started', framework: name, version: prep.version});
	const total = prep.candidates.length;
	let cut: string | null = prep.unsupported;
	if (!cut && !context.runSignal.aborted && prep.candidates.some(c => !candidateDone(context, c))) {
		// The GPUs may have been taken since preflight (another user, a leaked server).
		if (!(await checkGpus(context, `gpus-${name}`))) cut = 'a requested GPU became busy before this framework started (see the gpus check)';
	}

	const failures: string[] = [];
	for (const candidate of prep.candidates) {
		if (candidateDone(context, candidate)) continue;
		if (context.runSignal.aborted) {
			recordRemaining(context, candidate, 'skipped', `${abortedPrefix}: ${abortReason(context)}`, {}, {kind: 'run-aborted'});
			bus.emit({type: 'candidate-skipped', candidateId: candidate.id, framework: candidate.framework, reason: abortReason(context)});
			continue;
		}

		const problem = prep.candidateProblems.get(candidate.id);
		const [preReason, kind] = cut
			? [cut, 'framework-cut' as const]
			: problem
				? [problem, 'unsupported' as const]
				: context.ledger.skipQueued.has(candidate.id)
					? ['skipped by operator', 'operator' as const]
					: [null, null];
		if (preReason && kind) {
			recordRemaining(context, candidate, 'skipped', preReason, {}, {kind});
			bus.emit({type: 'candidate-skipped', candidateId: candidate.id, framework: candidate.framework, reason: preReason});
			continue;
		}

		const outcome = await runCandidate(context, prep, candidate, total);
		bus.emit({
			type: 'candidate-finished',
			candidateId: candidate.id,
			framework: candidate.framework,
			status: outcome.status,
			...(outcome.reason ? {reason: outcome.reason} : {}),
		});
		if (outcome.status === 'skipped') continue;
		failures.push(outcome.failureKind ?? 'ok');
		const firstFew = failures.slice(0, earlyCutAfter);
		if (failures.length === earlyCutAfter && firstFew.every(kind => kind !== 'ok' && kind === firstFew[0])) {
			cut = `framework cut short: the first ${earlyCutAfter} candidates all failed with ${firstFew[0]} (last: ${outcome.reason ?? ''})`;
			bus.emit({type: 'warning', message: `${name}: ${cut}`});
		}
	}

	if (!cut && !context.runSignal.aborted) await repeatContenders(context, prep);
	bus.emit({type: 'framework-finished', framework: name, ...(cut ? {reason: cut} : {})});
}
