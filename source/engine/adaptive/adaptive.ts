import {buildRow} from '../build-row.js';
import {queryGpus} from '../gpu-query.js';
import {concLabel, qpsRoundEntry, type Interruption, type ScenarioJob} from '../measure-scenario.js';
import {measurementKey, measurementsOf} from '../measurements.js';
import {runBench} from '../run-bench.js';
import {candidateDone, recordRemaining} from '../run-candidate.js';
import type {FrameworkPrep, RunContext} from '../run-context.js';
import type {ResultRow} from '../../results/result-row.js';
import {slaBlockOf} from '../../sla/verdict.js';
import {checkFeasibility, modelMemory} from './feasibility.js';
import {floorDecision, planProbe, probeDecision, probePrompts} from './schedule.js';

/**
 * `search.strategy: adaptive` (issue 16; the schedule is in schedule.ts, the guard in
 * feasibility.ts). The candidate loop stays the engine's own (run-framework.ts); this adds the
 * guard's rows before it and a probe before each job of a launched candidate.
 */

/**
 * Before a job's full measurement: null = measure it in full; `search-from` = its probe at the
 * challenge rate passed or stayed undecided, so the QPS search starts there (below it the
 * incumbent is ahead already); `pruned` = its row is written; else why measuring stopped.
 */
export type JobProbe = (
	context: RunContext,
	job: ScenarioJob,
	record: (row: ResultRow) => void,
) => Promise<{kind: 'pruned'} | {kind: 'search-from'; rate: number} | Interruption | null>;

export type Adaptive = {readonly probe: JobProbe};

/** Rung 0: rows for candidates the memory model says cannot start (unless `search.run_infeasible`). */
async function guard(context: RunContext, prep: FrameworkPrep): Promise<void> {
	const model = modelMemory(context.plan);
	const waiting = prep.candidates.filter(candidate => !candidateDone(context, candidate) && !prep.candidateProblems.has(candidate.id));
	if (!model || waiting.length === 0) {
		if (!model)
			context.bus.emit({
				type: 'warning',
				message: `${prep.plan.name}: adaptive search: the model's size is not known from its name, so the memory guard rejects nothing`,
			});
		return;
	}

	const snapshot = await queryGpus(context.executor, false);
	const mine = snapshot.gpus.filter(gpu => context.gpuIds.includes(gpu.index));
	const memoryMiB = Math.min(...mine.map(gpu => gpu.memoryTotalMiB).filter(mib => mib > 0));
	if (!Number.isFinite(memoryMiB)) {
		context.bus.emit({
			type: 'warning',
			message: `${prep.plan.name}: adaptive search: GPU memory unknown (${snapshot.error ?? 'nvidia-smi gave none'}), so the memory guard rejects nothing`,
		});
		return;
	}

	for (const candidate of waiting) {
		const verdict = checkFeasibility({
			framework: candidate.framework,
			flags: candidate.flags,
			plan: context.plan,
			model,
			gpuMemoryGiB: memoryMiB / 1024,
			gpusAvailable: context.plan.hardware.gpuCount,
		});
		if (!verdict || verdict.feasible) continue;
		if (context.plan.search.runInfeasible) {
			context.bus.emit({
				type: 'warning',
				message: `${candidate.id}: the memory model predicts it cannot start (${verdict.reason}); search.run_infeasible launches it anyway`,
			});
			continue;
		}

		const reason = `infeasible (adaptive search's memory model): ${verdict.reason}; not launched (search.run_infeasible: true runs it anyway)`;
		recordRemaining(context, candidate, 'skipped', reason, {}, {kind: 'infeasible', predicted: {...verdict.predicted}});
		context.bus.emit({type: 'candidate-skipped', candidateId: candidate.id, framework: candidate.framework, reason});
	}
}

/** Rungs 1–2: probe at the challenge rate (schedule.ts); a failed probe is the job's (pruned) row. */
const probe: JobProbe = async (context, job, record) => {
	const {candidate, scenario, maxConcurrency} = job;
	const measurements = measurementsOf(context.plan);
	// Fixed request rates (`benchmark.request_rates`) have no search to shorten.
	if (measurements[0]?.loadMode !== 'steady') return null;
	if (context.ledger.doneKeys.has(measurementKey(candidate, scenario.name, maxConcurrency, measurements[0]))) return null;
	const plan = planProbe(
		context.ledger.rows,
		{framework: candidate.framework, scenario: scenario.name, maxConcurrency, candidateId: candidate.id},
		context.plan.sla,
		context.plan.benchmark.qps.lower,
	);
	if (!plan) return null;
	const {rate} = plan;
	const numPrompts = probePrompts(context.plan.dataset.numPrompts, context.plan.search.probePrompts);
	const outcome = await runBench(context, {
		candidate,
		server: job.server,
		scenario,
		requestRate: rate,
		maxConcurrency,
		round: null,
		label: `${concLabel(maxConcurrency)}-probe-qps${rate}`,
		warmupRequests: context.plan.benchmark.warmupRequests,
		numPrompts,
		signal: job.signal,
	});
	if (outcome.kind !== 'measured') return outcome;
	const verdict = outcome.summary.completed === 0 ? 'fail' : outcome.sla.outcome;
	const failures = outcome.summary.completed === 0 ? ['every request failed'] : outcome.sla.failures;
	const result = {outcome: verdict, failures, undecided: outcome.sla.undecidedReasons, completed: outcome.summary.completed};
	const decision = plan.rung === 'challenge' ? probeDecision(result, plan.incumbent) : floorDecision(result, plan);
	context.bus.emit({type: 'warning', message: `${candidate.id} ${scenario.name}: ${decision.prune ? 'pruned — ' : ''}${decision.why}`});
	// Kept: the search starts at the challenge rate (at the lower bound after a floor probe, as it would anyway).
	// The probe is not pooled into that round: two half batches queue less than one round at a loaded rate.
	if (!decision.prune) return plan.rung === 'challenge' ? {kind: 'search-from', rate} : null;
	const incumbent = plan.rung === 'challenge' ? plan.incumbent : null;
	const rowContext = context.frameworks.get(candidate.framework)!.rowContext;
	const metrics = outcome.metrics;
	record(
		buildRow(rowContext, {
			...job.common,
			candidate,
			scenario,
			maxConcurrency,
			loadMode: 'steady',
			status: 'skipped',
			failureReason: `pruned (adaptive search): ${decision.why}`,
			cause: {
				kind: 'pruned',
				evidence: {
					rung: plan.rung,
					probe_rate: rate,
					probe_requests: numPrompts,
					completed: outcome.summary.completed,
					verdict,
					failures: [...failures],
					against: incumbent?.candidateId ?? null,
					against_rate: incumbent?.rate ?? null,
					against_throughput: incumbent?.throughput ?? null,
					against_failed_rate: incumbent?.failedRate ?? null,
					...(plan.rung === 'floor' ? {measured_before: [...plan.measured]} : {}),
					raw_result: outcome.rawFile,
					records: outcome.batch.recordsFile,
				},
			},
			requestRate: rate,
			numPrompts,
			metrics,
			sla: slaBlockOf(outcome.sla),
			qpsRounds: [qpsRoundEntry(rate, outcome, verdict, failures.join('; '))],
			rawResult: outcome.rawFile,
		}),
	);
	return {kind: 'pruned'};
};

/** Runs the guard; returns the probe the candidate loop hands to each launch. */
export async function prepareAdaptive(context: RunContext, prep: FrameworkPrep): Promise<Adaptive> {
	await guard(context, prep);
	return {probe};
}
