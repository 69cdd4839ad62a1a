import fs from 'node:fs';
import type {BenchSummary, RequestRecord} from '../bench/bench-types.js';
import type {Candidate} from '../config/plan.js';
import {rankRows} from '../report/rank.js';
import {rowKey, type ResultRow} from '../results/result-row.js';
import {slaBlockOf} from '../sla/verdict.js';
import {poolBatches, type Batch} from './pooled-round.js';
import {planRepeats} from './repeat-policy.js';
import {runBench} from './run-bench.js';
import {runCandidate, withCost} from './run-candidate.js';
import type {FrameworkPrep, RunContext} from './run-context.js';

/**
 * Bounded repeats of contenders (issue 13; policy in repeat-policy.ts). After a framework's
 * search, each group where a tie or an undecided verdict would change the winner gets its
 * contenders measured again at the rate their search chose: a fresh server (servers are not kept
 * between candidates, and a fresh one starts with an empty prefix cache, as the first measurement
 * did), the plan's warm-up, one more batch. The new batch is pooled with the round's earlier ones
 * (read back from their per-request records) and the pooled row is appended under the same key;
 * readers keep the latest row per key. What the repeats showed is said in a warning event.
 */

type Loaded = {records: RequestRecord[]; durationS: number; numPrompts: number};

function loadBatch(context: RunContext, recordsFile: string): Batch | null {
	const rawFile = recordsFile.replace(/\.requests\.jsonl$/, '.json');
	try {
		const raw = JSON.parse(fs.readFileSync(context.artifacts.path(rawFile), 'utf8')) as Partial<BenchSummary>;
		const records = fs
			.readFileSync(context.artifacts.path(recordsFile), 'utf8')
			.split('\n')
			.filter(line => line.trim() !== '')
			.map(line => {
				const r = JSON.parse(line) as Record<string, unknown>;
				return {
					index: r.index as number,
					scheduledMs: (r.scheduled_ms as number | null) ?? 0,
					sentMs: (r.sent_ms as number | null) ?? 0,
					ttftMs: r.ttft_ms as number | null,
					e2eMs: r.e2e_ms as number | null,
					itlMs: (r.itl_ms as number[] | null) ?? [],
					promptTokens: r.prompt_tokens as number | null,
					outputTokens: r.output_tokens as number | null,
					success: r.success === true,
					error: (r.error as string | null) ?? null,
				} satisfies RequestRecord;
			});
		const loaded: Loaded = {records, durationS: raw.durationS ?? 0, numPrompts: raw.numPrompts ?? records.length};
		const summary = {...(raw as BenchSummary), records: loaded.records, durationS: loaded.durationS, numPrompts: loaded.numPrompts};
		const sent = records.map(record => record.sentMs);
		const span = sent.length > 1 ? (Math.max(...sent) - Math.min(...sent)) / 1000 : 0;
		return {summary, offeredRate: span > 0 ? (sent.length - 1) / span : null, rawFile, recordsFile};
	} catch {
		return null;
	}
}

function replaceRow(context: RunContext, row: ResultRow): void {
	const clean = context.artifacts.appendRow(withCost(context, row));
	const key = rowKey(row);
	const at = context.ledger.rows.findIndex(existing => rowKey(existing) === key);
	if (at >= 0) context.ledger.rows[at] = clean;
	else context.ledger.rows.push(clean);
	context.bus.emit({type: 'row-recorded', row: clean});
}

async function repeatOne(context: RunContext, prep: FrameworkPrep, candidate: Candidate, row: ResultRow, repeat: number): Promise<string> {
	const scenario = context.plan.scenarios.find(s => s.name === row.workload.scenario)!;
	const rate = row.workload.request_rate as number;
	const maxConcurrency = row.workload.max_concurrency ?? null;
	const earlier = (row.statistics?.records ?? []).map(file => loadBatch(context, file)).filter((batch): batch is Batch => batch !== null);
	let result = `${candidate.id}: repeat failed`;
	const outcome = await runCandidate(context, prep, candidate, prep.candidates.length, async (server, signal) => {
		const label = `${maxConcurrency === null ? 'cinf' : `c${maxConcurrency}`}-repeat${repeat}-qps${rate}`;
		const outcome = await runBench(context, {
			candidate,
			server,
			scenario,
			requestRate: rate,
			maxConcurrency,
			round: null,
			label,
			warmupRequests: context.plan.benchmark.warmupRequests,
			batch: earlier.length + repeat,
			signal,
		});
		if (outcome.kind !== 'measured') return outcome;
		const pooled = poolBatches([...earlier, outcome.batch], {
			sla: context.plan.sla,
			targetRate: rate,
			warmupRequests: row.statistics?.warmup_requests ?? context.plan.benchmark.warmupRequests,
		});
		const statistics = {
			...pooled.statistics,
			qps_bracket: row.statistics?.qps_bracket ?? null,
			records: pooled.batches.map(batch => batch.recordsFile),
			repeats: (row.statistics?.repeats ?? 0) + 1,
		};
		replaceRow(context, {...row, metrics: pooled.metrics, sla: {...context.plan.sla, ...slaBlockOf(pooled.sla)}, statistics});
		const thr = pooled.statistics.steady_window.request_throughput;
		result = `${candidate.id}: ${pooled.sla.outcome} at ${rate} req/s over ${pooled.summary.completed} requests (${pooled.batches.length} batches), steady throughput ${thr === null ? '—' : thr.toFixed(2)} req/s`;
		return null;
	});
	context.bus.emit({
		type: 'candidate-finished',
		candidateId: candidate.id,
		framework: candidate.framework,
		status: outcome.status,
		...(outcome.reason ? {reason: outcome.reason} : {}),
	});
	return result;
}

export async function repeatContenders(context: RunContext, prep: FrameworkPrep): Promise<void> {
	const maxRepeats = context.plan.benchmark.repeats;
	if (maxRepeats <= 0) return;
	const done = new Map<string, number>();
	for (let guard = 0; guard < 20 && !context.runSignal.aborted; guard++) {
		const rows = context.ledger.rows.filter(row => row.framework === prep.plan.name);
		const ranked = rankRows(rows, context.plan.sla).filter(entry => entry.loadClass === 'steady');
		const groups = new Map<string, typeof ranked>();
		for (const entry of ranked) {
			const key = `${entry.row.workload.scenario}|${entry.row.workload.max_concurrency ?? ''}`;
			groups.set(key, [...(groups.get(key) ?? []), entry]);
		}

		const next = [...groups.values()].map(group => ({group, plan: planRepeats(group, done, maxRepeats)})).find(item => item.plan !== null);
		if (!next?.plan) return;
		const scenario = next.group[0]!.row.workload.scenario;
		context.bus.emit({type: 'warning', message: `${prep.plan.name} ${scenario}: repeating ${next.plan.candidateIds.join(', ')} — ${next.plan.why}`});
		const results: string[] = [];
		for (const id of next.plan.candidateIds) {
			const candidate = prep.candidates.find(c => c.id === id);
			const entry = next.group.find(e => e.row.candidate_id === id);
			done.set(id, (done.get(id) ?? entry?.row.statistics?.repeats ?? 0) + 1);
			if (!candidate || !entry || context.runSignal.aborted) continue;
			results.push(await repeatOne(context, prep, candidate, entry.row, done.get(id)!));
		}

		const after = rankRows(
			context.ledger.rows.filter(row => row.framework === prep.plan.name && row.workload.scenario === scenario),
			context.plan.sla,
		).find(entry => entry.loadClass === 'steady' && entry.rank === 1);
		context.bus.emit({
			type: 'warning',
			message: `${prep.plan.name} ${scenario}: repeats showed ${results.join('; ')}${after ? `; best now ${after.row.candidate_id} (${after.pick.text})` : ''}`,
		});
	}
}
