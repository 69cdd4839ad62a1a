import type {QpsRoundState} from '../../engine/run-state.js';
import type {SlaOutcome} from '../../sla/verdict.js';

/**
 * A finished round's verdict: the engine's pass / fail / undecided (source/sla/verdict.ts, from
 * the round's intervals); a round from an older engine carries only `passed`.
 */
export type Verdict = SlaOutcome;

export function roundVerdict(round: QpsRoundState): Verdict {
	return round.verdict ?? (round.passed ? 'pass' : 'fail');
}

export const verdictColor: Readonly<Record<Verdict, string>> = {pass: 'green', fail: 'red', undecided: 'yellow'};
export const verdictGlyph: Readonly<Record<Verdict, string>> = {pass: '✔', fail: '✘', undecided: '?'};
