import fs from 'node:fs';
import path from 'node:path';
import type {ResultRow} from '../results/result-row.js';

/** Best SLA-passing steady row per framework × scenario (SPEC §8 order, shortened). */
export function pickWinners(rows: readonly ResultRow[]): ResultRow[] {
	const best = new Map<string, ResultRow>();
	for (const row of rows) {
		if (row.status !== 'ok' || row.sla?.passed !== true || (row.workload.load_mode ?? 'steady') !== 'steady') continue;
		const key = `${row.framework}|${row.workload.scenario}`;
		const current = best.get(key);
		const score = (r: ResultRow) => r.metrics?.request_throughput ?? -1;
		if (!current || score(row) > score(current)) best.set(key, row);
	}

	return [...best.values()];
}

const fmt = (value: number | null | undefined) => (value === null || value === undefined ? '—' : String(Math.round(value * 100) / 100));

/** A short summary.md from the rows, used when the report writer is not available. */
export async function writeMinimalSummary(rows: readonly ResultRow[], context: Record<string, unknown>, runDir: string): Promise<{summaryPath: string; winners: Array<{framework: string; scenario: string; candidateId: string}>}> {
	const winners = pickWinners(rows);
	const lines = [
		`# llm-bench-tui run ${String(context.run_id ?? '')}`,
		'',
		`Model: ${String(context.model ?? '')}${context.simulated ? ' — simulated GPU box: figures are plausible, not real' : ''}`,
		'',
		'## Best commands by framework',
		'',
		'| framework | scenario | candidate | req/s | p99 TTFT ms | p99 TPOT ms | command |',
		'| --- | --- | --- | --- | --- | --- | --- |',
		...winners.map(r => `| ${r.framework} | ${r.workload.scenario} | ${r.candidate_id} | ${fmt(r.metrics?.request_throughput)} | ${fmt(r.metrics?.p99_ttft_ms)} | ${fmt(r.metrics?.p99_tpot_ms)} | \`${r.server_command ?? ''}\` |`),
		'',
		'## Failed or SLA-failing candidates (the record of tried configs)',
		'',
		...rows.filter(r => r.status !== 'ok' || r.sla?.passed === false).map(r => `- ${r.candidate_id} / ${r.workload.scenario} (${r.workload.load_mode ?? 'steady'}): ${r.status} — ${r.failure_reason ?? (r.sla?.failures ?? []).join('; ')}`),
		'',
	];
	const file = path.join(runDir, 'summary.md');
	fs.writeFileSync(file, lines.join('\n'));
	return {summaryPath: file, winners: winners.map(r => ({framework: r.framework, scenario: r.workload.scenario, candidateId: r.candidate_id}))};
}
