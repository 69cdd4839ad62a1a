import type {ScenarioComparison, Winner} from './winners.js';
import {frameworkLabel} from './format.js';

/**
 * The words every renderer uses for a winner's evidence ("winner, margin ± interval", tie notes),
 * so markdown, CSV, HTML and the terminal say the same thing.
 */

const num = (value: number | null, digits = 2) => (value === null ? '…' : value.toFixed(digits));
const signed = (value: number | null, digits = 2) => (value === null ? '…' : `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`);

/** "+0.42 req/s (95 % interval −1.10 to +1.90) over sglang-02-…", or why there is no margin. */
export function marginText(winner: Winner): string {
	const {margin, ci} = winner.evidence;
	if (!margin) return 'no other candidate of this framework passed the SLA';
	if (margin.by === 'bracket') return `passed the SLA at a rate ${margin.runnerUp} failed at: ${margin.text}`;
	const interval = margin.lower === null && margin.upper === null ? '' : ` (95 % interval ${signed(margin.lower)} to ${signed(margin.upper)})`;
	const noise = margin.distinguishable ? '' : ' — within noise';
	return `${signed(margin.value)} ${ci.unit}${interval} over ${margin.runnerUp}${noise}`;
}

/** "13.21 req/s [11.8, 14.7], 115 requests in the steady window; bracket 12.75–14.38 req/s". */
export function figureText(winner: Winner): string {
	const {ci, samples} = winner.evidence;
	const interval = ci.lower === null && ci.upper === null ? '' : ` [${num(ci.lower)}, ${num(ci.upper)}]`;
	const count = samples === null ? '' : `, ${samples} requests in the steady window`;
	const bracket =
		ci.bracket?.passedRate !== undefined && ci.bracket
			? `; SLA bracket ${num(ci.bracket.passedRate)}–${ci.bracket.failedRate === null ? 'above the search ceiling' : num(ci.bracket.failedRate)} req/s${ci.bracket.converged ? '' : ' (not converged)'}`
			: '';
	return `${ci.label} ${num(ci.value)} ${ci.unit}${interval}${count}${bracket}`;
}

/** The tie note for a framework's winner, or '' when the win is clear. */
export function tieText(winner: Winner): string {
	const {tiedWith, note, decidedBy} = winner.evidence;
	if (tiedWith.length === 0) return '';
	const rule = decidedBy === 'order' ? 'no tie-break rule separated them; listed by id' : note.replace(/^.*chosen by /, 'chosen by ');
	return `tied with ${tiedWith.join(', ')}; ${rule}`;
}

/** "winner, margin ± interval" plus the tie note: one cell. */
export function evidenceCell(winner: Winner): string {
	const tie = tieText(winner);
	return `${marginText(winner)}${tie ? `; ${tie}` : ''}`;
}

/** Cross-framework ties in one scenario, one sentence (empty when none). */
export function crossTieText(comparison: ScenarioComparison, winners: readonly Winner[]): string {
	const mine = winners.filter(w => w.scenario === comparison.scenario);
	const first = mine.find(w => w.rank === 1);
	if (!first || first.evidence.crossTiedWith.length === 0) return '';
	const tied = mine.filter(w => first.evidence.crossTiedWith.includes(w.candidateId)).map(w => `${frameworkLabel(w.framework)} ${w.candidateId}`);
	const pick = comparison.ranked[0]?.pick;
	const how =
		!pick || pick.decidedBy === 'order'
			? 'no tie-break rule separates them, so they are listed in framework order'
			: pick.decidedBy === 'alone' || pick.decidedBy === 'deciding figure'
				? 'its point estimate'
				: `rank 1 by ${pick.text.replace(/^.*chosen by /, '')}`;
	return `Tie: ${frameworkLabel(first.framework)} ${first.candidateId} is statistically indistinguishable from ${tied.join(', ')} on ${first.evidence.ci.label}; ${how}.`;
}
