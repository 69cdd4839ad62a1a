import type {ReportModel} from './report-model.js';
import {cacheCaveats} from './cache-caveats.js';
import {frameworkLabel} from './format.js';
import type {RankedRow} from './rank.js';
import {statisticsCaveats} from './statistics-caveats.js';

/**
 * Caveats generated from the data (docs/ranking.md): every sentence here is triggered by something in the
 * rows or the manifest, so a clean real run gets a short list and a simulated smoke run a loud one.
 */

type Inputs = Omit<ReportModel, 'caveats'>;

const normalizationChecks = ['same_gpu_count', 'same_model_weights', 'same_tokenizer', 'same_endpoint', 'same_workload_hash'] as const;

function searchCaveats(inputs: Inputs): string[] {
	const out: string[] = [];
	for (const framework of inputs.frameworks) {
		const label = frameworkLabel(framework);
		const entries = inputs.ranked.filter(entry => entry.row.framework === framework);
		const performance = entries.filter(entry => entry.loadClass !== 'smoke');
		const candidates = new Set(performance.map(entry => entry.row.candidate_id));
		const planned = inputs.context.frameworks?.[framework]?.planned_candidates;
		if (performance.length === 0) {
			out.push(`${label} ran only smoke checks: its figures prove the flow works, not how fast it serves.`);
		} else if (typeof planned === 'number' && candidates.size < planned) {
			out.push(`${label}: the search was cut short — ${candidates.size} of ${planned} planned candidates have results; its best is not a fair comparison.`);
		} else if (candidates.size === 1) {
			out.push(`${label} ran only one candidate (${[...candidates][0]}), so it had no search; comparing it with tuned frameworks is not fair.`);
		}

		const measured = performance.filter(entry => entry.row.status === 'ok').map(entry => entry.row.candidate_id);
		if (performance.length > 0 && new Set(measured).size <= 1 && candidates.size > 1) {
			out.push(
				`${label}: only ${new Set(measured).size} of ${candidates.size} candidates finished; the rest failed or were skipped (see the failed table), so its search was not fair.`,
			);
		}
	}

	return out;
}

/**
 * A steady row whose every search round passed never found its knee: the search stopped at the
 * ceiling (`benchmark.qps.upper`), so the real capacity may be higher than the reported rate.
 */
function ceilingCaveats(ranked: readonly RankedRow[]): string[] {
	const capped = ranked.filter(entry => {
		const rounds = entry.row.qps_rounds ?? [];
		const rate = entry.row.workload.request_rate;
		return (
			entry.loadClass === 'steady' &&
			entry.row.status === 'ok' &&
			rounds.length > 1 &&
			rounds.every(round => round.passed) &&
			typeof rate === 'number' &&
			rate >= Math.max(...rounds.map(round => round.request_rate))
		);
	});
	if (capped.length === 0) return [];
	const which = capped.map(entry => `${entry.row.candidate_id} (${entry.row.workload.scenario}, ${String(entry.row.workload.request_rate)} req/s)`);
	return [
		`The QPS search ceiling passed the SLA for ${capped.length} row(s): ${which.slice(0, 6).join(', ')}${which.length > 6 ? ', …' : ''}. Their capacity may be higher than the search ceiling; raise benchmark.qps.upper to find the knee.`,
	];
}

function fairnessCaveats(ranked: readonly RankedRow[]): string[] {
	const out: string[] = [];
	for (const check of normalizationChecks) {
		const broken = ranked.filter(entry => entry.row.normalization?.[check] === false);
		if (broken.length > 0) {
			const ids = [...new Set(broken.map(entry => entry.row.candidate_id))].slice(0, 5).join(', ');
			out.push(`Fairness check ${check} did not hold for ${broken.length} row(s) (${ids}); those comparisons are not like for like.`);
		}
	}

	const gpuCounts = new Set(ranked.map(entry => entry.row.hardware?.gpu_count).filter(count => typeof count === 'number'));
	if (gpuCounts.size > 1) out.push(`Rows use different GPU counts (${[...gpuCounts].join(', ')}); compare throughput per GPU as well.`);
	return out;
}

function slaCaveats(inputs: Inputs): string[] {
	const out: string[] = [];
	if (Object.keys(inputs.sla).length === 0) out.push('No SLA was given: winners are chosen on throughput alone.');
	const recorded = inputs.ranked.filter(entry => entry.sla.source === 'recorded' && entry.sla.unverified.length > 0);
	if (recorded.length > 0) {
		out.push(
			`${recorded.length} row(s) lack the metrics their SLA names (${[...new Set(recorded.flatMap(entry => entry.sla.unverified))].join(', ')}); their recorded SLA verdict was used as is.`,
		);
	}

	const disagree = inputs.ranked.filter(entry => entry.sla.recordedDisagrees);
	if (disagree.length > 0) {
		out.push(
			`${disagree.length} row(s) recorded an SLA verdict that the metrics contradict (${disagree
				.map(entry => entry.row.candidate_id)
				.slice(0, 5)
				.join(', ')}); the recomputed verdict was used.`,
		);
	}

	for (const comparison of inputs.comparisons) {
		if (comparison.ranked.length === 0)
			out.push(`Scenario ${comparison.scenario}: no framework has an SLA-passing candidate, so there is no deployment command for it.`);
	}

	return out;
}

export function caveatsFor(inputs: Inputs): string[] {
	const out: string[] = [];
	if (inputs.simulated) {
		out.push('SIMULATED — these rows come from the simulated GPU box; the figures are plausible, not real. Do not deploy from them.');
	}

	const workloads = inputs.ranked.map(entry => entry.row.workload);
	const synthetic =
		inputs.context.workload?.synthetic === true || workloads.some(w => w.synthetic === true || w.kind === 'random' || w.kind === 'shared-prefix');
	if (synthetic) out.push('The workload is synthetic (random token prompts); real production traffic is the final answer.');
	out.push(...searchCaveats(inputs), ...(inputs.context.substitutions ?? []).map(text => `Substitution: ${text}`));
	out.push(
		...ceilingCaveats(inputs.ranked),
		...fairnessCaveats(inputs.ranked),
		...slaCaveats(inputs),
		...cacheCaveats(inputs.ranked.map(entry => entry.row)),
		...statisticsCaveats(inputs.ranked, inputs.winners),
	);
	// Every row carries its framework's notes and the manifest repeats the run's: each note once.
	// The simulated banner above already says what the rows' "simulated GPU box" note says.
	const notes = new Set([...inputs.ranked.flatMap(entry => entry.row.normalization?.notes ?? []), ...(inputs.context.notes ?? [])]);
	out.push(...[...notes].filter(note => !(inputs.simulated && /^simulated GPU box\b/.test(note)) && !out.includes(note)));
	if (inputs.burst.length > 0) {
		out.push('Burst (request rate inf) throughput is shown in its own table and never picks a winner; steady-state fixed-QPS results decide.');
	}

	if (inputs.winnerClass === 'burst') {
		out.push('There are no steady-state (fixed QPS) rows: winners were chosen among burst (request rate inf) runs.');
	}

	return out;
}
