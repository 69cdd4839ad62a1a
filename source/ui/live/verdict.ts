import type {QpsRoundState} from '../../engine/run-state.js';

/**
 * A finished round's verdict. The statistics work (pass / fail / undecided with intervals) puts its
 * own verdict on the round; until then it is the engine's SLA check. One function, so the table
 * and its tests switch over in one place.
 */
export type Verdict = 'pass' | 'fail' | 'undecided';

export function roundVerdict(round: QpsRoundState): Verdict {
	const declared = (round as {verdict?: unknown}).verdict;
	if (declared === 'pass' || declared === 'fail' || declared === 'undecided') return declared;
	return round.passed ? 'pass' : 'fail';
}

export const verdictColor: Readonly<Record<Verdict, string>> = {pass: 'green', fail: 'red', undecided: 'yellow'};
export const verdictGlyph: Readonly<Record<Verdict, string>> = {pass: '✔', fail: '✘', undecided: '?'};
