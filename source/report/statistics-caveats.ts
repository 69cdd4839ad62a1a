import {bunchedFactor, steadyWindowRule} from '../bench/round-statistics.js';
import type {RankedRow} from './rank.js';
import type {Winner} from './winners.js';

/**
 * Caveats about the statistics behind the figures (issue 13): load the client could not offer or
 * the server could not absorb, searches that ran out of rounds, verdicts the samples could not
 * decide, and how warm-up and the steady window were handled. Each is triggered by the rows.
 */

const pct = (value: number) => `${Math.round(value * 100)} %`;
const list = (items: readonly string[]) => `${items.slice(0, 5).join(', ')}${items.length > 5 ? ', …' : ''}`;

export function statisticsCaveats(ranked: readonly RankedRow[], winners: readonly Winner[]): string[] {
	const out: string[] = [];
	const measured = ranked.filter(entry => entry.row.status === 'ok' && entry.row.statistics && entry.loadClass === 'steady');
	const short = measured.filter(entry => (entry.row.statistics?.achieved_ratio ?? 1) < 0.9);
	if (short.length > 0) {
		const which = short.map(
			entry =>
				`${entry.row.candidate_id} (${entry.row.workload.scenario}): ${(entry.row.statistics!.steady_window?.request_throughput ?? 0).toFixed(2)} of ${(entry.row.statistics!.offered_request_rate ?? entry.row.statistics!.target_request_rate ?? 0).toFixed(2)} req/s, ${pct(entry.row.statistics!.achieved_ratio!)}`,
		);
		out.push(
			`Achieved below 90 % of the offered rate in ${short.length} reported row(s): ${list(which)}. The server did not keep up there; its throughput is its capacity, not the offered load.`,
		);
	}

	const open = measured.filter(
		entry => entry.row.statistics?.qps_bracket && !entry.row.statistics.qps_bracket.converged && entry.row.statistics.qps_bracket.passed_rate !== null,
	);
	if (open.length > 0) {
		const which = open.map(entry => {
			const b = entry.row.statistics!.qps_bracket!;
			const width = b.failed_rate ? (b.failed_rate - b.passed_rate!) / b.failed_rate : null;
			return `${entry.row.candidate_id} (${entry.row.workload.scenario}): ${b.passed_rate}–${b.failed_rate ?? '?'} req/s${width === null ? '' : `, ${pct(width)} wide`}`;
		});
		out.push(
			`The QPS search did not converge to its tolerance for ${open.length} row(s): ${list(which)}. Their capacity lies somewhere in that bracket; raise benchmark.qps.max_rounds or narrow the bounds.`,
		);
	}

	const undecided = ranked.filter(entry => entry.row.status === 'ok' && entry.sla.outcome === 'undecided');
	if (undecided.length > 0) {
		out.push(
			`${undecided.length} row(s) have an undecided SLA verdict (an interval straddles a bound even after the extra batches): ${list(undecided.map(entry => `${entry.row.candidate_id} (${entry.row.workload.scenario})`))}. They are not winners; measure more (dataset.num_prompts, benchmark.qps.extra_batches).`,
		);
	}

	const tooFew = [
		...new Set(
			ranked.flatMap(entry =>
				entry.sla.checks
					.filter(check => check.outcome === 'undecided' && /^too few samples/.test(check.text))
					.map(check => check.text.replace(/: \d+ \(/, ' (').replace(/; measured.*$/, '')),
			),
		),
	];
	if (tooFew.length > 0)
		out.push(`Too few samples: ${list(tooFew)}. A percentile near 100 needs many requests per round before its interval has an upper end.`);

	const warmups = new Set(measured.map(entry => entry.row.statistics?.warmup_requests ?? 0));
	if (measured.length > 0) {
		out.push(
			warmups.has(0) && warmups.size === 1
				? "No warm-up requests were sent (benchmark.warmup_requests: 0): each candidate's first round includes its cold start."
				: `Warm-up: ${[...warmups].join('/')} request(s) per candidate and scenario were sent first and excluded from every figure.`,
		);
		const rule = measured.some(entry => entry.row.statistics?.steady_window) ? steadyWindowRule : null;
		if (rule)
			out.push(
				`Winners are decided on throughput over the steady window (${rule}), with 95 % intervals; figures within each other's intervals are ties, broken by lower p99 TTFT, lower p99 TPOT, fewer GPUs, then closeness to the baseline.`,
			);
	}

	const unsteady = measured.filter(entry => (entry.row.statistics?.steady_window?.unsteady_batches ?? 0) > 0);
	if (unsteady.length > 0) {
		out.push(
			`No steady state in ${unsteady.length} row(s): ${list(unsteady.map(entry => `${entry.row.candidate_id} (${entry.row.workload.scenario})`))}. Their completions bunched after the arrivals (faster than ${bunchedFactor}× the arrival rate), so throughput there is counted over the whole measured duration, which understates rather than overstates; longer rounds (dataset.num_prompts) would reach a steady state.`,
		);
	}

	const repeated = ranked.filter(entry => (entry.row.statistics?.repeats ?? 0) > 0);
	if (repeated.length > 0) {
		out.push(
			`Repeats: ${list(repeated.map(entry => `${entry.row.candidate_id} (${entry.row.workload.scenario}, ${entry.row.statistics!.repeats}×, ${entry.row.statistics!.batches} batches pooled)`))} were measured again on a fresh server because a tie or an undecided verdict could have changed the winner; their figures pool every batch.`,
		);
	}

	const ties = winners.filter(w => w.evidence.tiedWith.length > 0);
	if (ties.length > 0)
		out.push(
			`${ties.length} winner(s) are statistically tied with other candidates of their framework; the tie-break rule that chose each is in the Best Commands tables.`,
		);
	return out;
}
