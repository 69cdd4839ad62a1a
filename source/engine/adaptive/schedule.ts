import type {ResultRow} from '../../results/result-row.js';
import {isWinnerEligible, rankRows} from '../../report/rank.js';
import type {SlaOutcome} from '../../sla/verdict.js';

/**
 * The adaptive search's schedule (issue 16, docs/config.md "Adaptive search"), as pure decisions.
 * Rungs, each only for the candidates the previous one kept, and never a second launch for it:
 *
 * 0. guard — the memory model rejects what cannot start (feasibility.ts);
 * 1. challenge — on its one launch, each job (scenario × max_concurrency) of a candidate is first
 *    measured once, with fewer requests, at the lowest rate where the best candidate so far (the
 *    incumbent) did not pass: its `qps_bracket.failed_rate`;
 * 2. full — a job that passed or stayed undecided there gets the QPS search (and its burst),
 *    starting at that rate: everything below it is the incumbent's already, and the rounds at low
 *    rates are the longest of a search (num_prompts ÷ rate seconds);
 * 3. repeats — only contenders still tied or undecided after that (repeat-policy.ts).
 *
 * Why the challenge rate decides: the QPS search is a deterministic bisection, its next rate a
 * function of the verdicts so far, the same bounds for every candidate. A candidate that fails
 * where the incumbent first failed also fails above it (capacity is monotone in the rate), so its
 * own search would see the incumbent's verdicts at every failing rate of the incumbent's path and
 * end at or below the incumbent's rate: at best a tie there, never ahead. Only a candidate that
 * passes at the challenge rate can outrank the incumbent, and it is then searched from there up.
 * When the incumbent passed at the search's upper bound (no rate failed), the challenge is that
 * bound: the best any candidate can do is tie it. When no candidate has passed yet but some were
 * measured, the probe is at the search's lower bound (the floor): failing there, a candidate's own
 * search would end at its first round with no passing rate at all.
 *
 * The proof is the SLA verdict, which is interval-aware: `fail` only when a bound's interval lies
 * entirely on the wrong side (or the round saturated, or every request failed); `undecided` keeps
 * the candidate. The first candidate (the baseline) has no incumbent and is measured in full; a
 * better one found later becomes the incumbent, so the bar rises as the search goes.
 */

export type Incumbent = {
	readonly candidateId: string;
	/** Its best passing rate (the row's request rate). */
	readonly rate: number;
	readonly throughput: number | null;
	/** The lowest rate above `rate` where its search did not pass (null: none did not). */
	readonly failedRate: number | null;
};

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
	const failedRate = best.row.statistics?.qps_bracket?.failed_rate;
	return {
		candidateId: best.row.candidate_id,
		rate: best.row.workload.request_rate as number,
		throughput: best.row.metrics?.request_throughput ?? null,
		failedRate: typeof failedRate === 'number' && failedRate > (best.row.workload.request_rate as number) ? failedRate : null,
	};
}

/** Where a later candidate is challenged: the incumbent's first non-passing rate, else its own (the upper bound). */
export function challengeRate(incumbent: Incumbent): number {
	return incumbent.failedRate ?? incumbent.rate;
}

/** A job's probe: at the challenge rate against an incumbent, or at the floor when nothing passed yet. */
export type ProbePlan =
	| {readonly rung: 'challenge'; readonly rate: number; readonly incumbent: Incumbent}
	| {readonly rung: 'floor'; readonly rate: number; readonly measured: readonly string[]};

/**
 * Null: measure the job in full — the first candidate measured in it, the incumbent itself, or a
 * probe that would be the search's own first round (a challenge at the lower bound).
 */
export function planProbe(
	rows: readonly ResultRow[],
	job: {framework: string; scenario: string; maxConcurrency: number | null; candidateId: string},
	sla: Readonly<Record<string, unknown>> | null,
	lower: number,
): ProbePlan | null {
	const incumbent = incumbentFor(rows, job, sla);
	if (incumbent) {
		if (incumbent.candidateId === job.candidateId) return null;
		const rate = challengeRate(incumbent);
		return rate > lower ? {rung: 'challenge', rate, incumbent} : null;
	}

	// Steady rows of other candidates that finished their search here (none passed, or none would be the incumbent).
	const measured = rows
		.filter(
			row =>
				row.framework === job.framework &&
				row.workload.scenario === job.scenario &&
				(row.workload.max_concurrency ?? null) === job.maxConcurrency &&
				row.workload.load_mode === 'steady' &&
				row.status === 'ok' &&
				row.candidate_id !== job.candidateId,
		)
		.map(row => row.candidate_id);
	return measured.length > 0 ? {rung: 'floor', rate: lower, measured: [...new Set(measured)]} : null;
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
	const rate = challengeRate(incumbent);
	const at =
		incumbent.failedRate === null
			? `${rate} req/s, where ${incumbent.candidateId} passed (the search's upper bound)`
			: `${rate} req/s, where ${incumbent.candidateId} did not pass (it passed at ${incumbent.rate})`;
	const best =
		incumbent.failedRate === null
			? `it cannot reach the rate ${incumbent.candidateId} passed at, so it cannot outrank it`
			: `its best passing rate is below ${rate} req/s, so it can at best tie ${incumbent.candidateId} at ${incumbent.rate}, never outrank it`;
	if (probe.outcome === 'fail')
		return {prune: true, why: `its probe failed the SLA at ${at} (${probe.failures.join('; ') || 'failed'}; ${probe.completed} requests): ${best}`};
	if (probe.outcome === 'undecided')
		return {prune: false, why: `undecided at ${at} (${probe.undecided.join('; ')}): still a contender, its QPS search starts there`};
	return {prune: false, why: `passed at ${at}: a contender, its QPS search starts there`};
}

/** At the floor: a failed probe means no rate of the search can pass; else it is searched in full. */
export function floorDecision(probe: ProbeResult, plan: Extract<ProbePlan, {rung: 'floor'}>): ProbeDecision {
	const at = `the search's lower bound ${plan.rate} req/s, where no candidate has passed so far (${plan.measured.join(', ')} measured)`;
	if (probe.outcome === 'fail')
		return {
			prune: true,
			why: `its probe failed the SLA at ${at} (${probe.failures.join('; ') || 'failed'}; ${probe.completed} requests): its own search would end there with no passing rate`,
		};
	return {prune: false, why: `${probe.outcome === 'pass' ? 'passed' : `undecided (${probe.undecided.join('; ')})`} at ${at}: measured in full`};
}

/** Requests per probe: the plan's `search.probe_prompts`, else half a round (at least 8, at most a round). */
export function probePrompts(numPrompts: number, configured: number | null): number {
	return Math.max(1, Math.min(numPrompts, configured ?? Math.max(8, Math.ceil(numPrompts / 2))));
}
