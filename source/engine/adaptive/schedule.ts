import type {ResultRow} from '../../results/result-row.js';
import {isWinnerEligible, rankRows} from '../../report/rank.js';
import type {SlaOutcome} from '../../sla/verdict.js';

/**
 * The adaptive search's schedule (issue 16, docs/config.md "Adaptive search"), as pure decisions.
 * Rungs, each only for the candidates the previous one kept, and never a second launch for it:
 *
 * 0. guard — the memory model rejects what cannot start (feasibility.ts);
 * 1. probe — on its one launch, each job (scenario × max_concurrency) of a candidate is first
 *    measured once, with fewer requests, at the rate where the best candidate so far passed;
 * 2. full — only a job whose probe did not fail gets the full QPS search (and its burst); after a
 *    passed probe the search starts at the probe's rate (the rounds below it would only pass
 *    again, and at low rates they are the longest); no probe when the incumbent's rate is the
 *    search's own lower bound (the probe would be the search's first round);
 * 3. repeats — only contenders still tied or undecided after that (repeat-policy.ts).
 *
 * A successive-halving round keeps the top share of a field; here a candidate is kept while it can
 * still win: a probe that fails the SLA at the incumbent's passing rate proves its own passing
 * rate lies below it, so it cannot outrank the incumbent in that job. The proof is the SLA
 * verdict, which is interval-aware: `fail` only when a bound's interval lies entirely on the wrong
 * side (or the round saturated, or every request failed); `undecided` keeps the candidate. The
 * first candidate (the baseline) has no incumbent and is measured in full; a better one found later
 * becomes the incumbent, so the bar rises as the search goes.
 */

export type Incumbent = {readonly candidateId: string; readonly rate: number; readonly throughput: number | null};

/** The best SLA-passing steady row of this framework × scenario × max_concurrency so far. */
export function incumbentFor(
	rows: readonly ResultRow[],
	job: {framework: string; scenario: string; maxConcurrency: number | null},
	sla: Readonly<Record<string, unknown>> | null,
): Incumbent | null {
	const mine = rows.filter(
		row => row.framework === job.framework && row.workload.scenario === job.scenario && (row.workload.max_concurrency ?? null) === job.maxConcurrency,
	);
	const best = rankRows(mine, sla)
		.filter(entry => entry.loadClass === 'steady' && isWinnerEligible(entry) && typeof entry.row.workload.request_rate === 'number')
		.sort((a, b) => a.rank - b.rank)[0];
	if (!best) return null;
	return {candidateId: best.row.candidate_id, rate: best.row.workload.request_rate as number, throughput: best.row.metrics?.request_throughput ?? null};
}

export type ProbeResult = {
	readonly outcome: SlaOutcome;
	/** The failing bounds with their intervals (the SLA verdict's words), or why it saturated. */
	readonly failures: readonly string[];
	readonly undecided: readonly string[];
	readonly completed: number;
};

export type ProbeDecision = {readonly prune: true; readonly why: string} | {readonly prune: false; readonly why: string};

export function probeDecision(probe: ProbeResult, incumbent: Incumbent): ProbeDecision {
	const at = `${incumbent.rate} req/s, where ${incumbent.candidateId} passed`;
	if (probe.outcome === 'fail')
		return {
			prune: true,
			why: `its probe failed the SLA at ${at} (${probe.failures.join('; ') || 'failed'}; ${probe.completed} requests): it cannot reach that rate, so it cannot outrank ${incumbent.candidateId} here`,
		};
	if (probe.outcome === 'undecided') return {prune: false, why: `undecided at ${at} (${probe.undecided.join('; ')}): still a contender, measured in full`};
	return {prune: false, why: `passed at ${at}: a contender, its QPS search starts there`};
}

/** Requests per probe: the plan's `search.probe_prompts`, else half a round (at least 8, at most a round). */
export function probePrompts(numPrompts: number, configured: number | null): number {
	return Math.max(1, Math.min(numPrompts, configured ?? Math.max(8, Math.ceil(numPrompts / 2))));
}
