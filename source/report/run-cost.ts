import type {ResultRow} from '../results/result-row.js';
import type {ReportContext} from './report-context.js';

/**
 * The run's cost as the report shows it (docs/ranking.md "Cost"): the engine's own account when the
 * report is written at the end of a run, else (the `report` command over results.jsonl) what the
 * rows say — each candidate's latest cost; the run's wall time is then unknown.
 */

export type CandidateCostLine = {framework: string; candidate_id: string; gpu_seconds: number; servers_launched: number; wall_seconds: number};
export type ReportCost = {
	gpu_seconds: number;
	servers_launched: number;
	/** Run start to report (null when only rows were read). */
	wall_seconds: number | null;
	clock: 'simulated' | 'wall' | null;
	/** From the engine (`run`) or from the rows (`rows`). */
	source: 'run' | 'rows';
	candidates: CandidateCostLine[];
};

export function reportCost(rows: readonly ResultRow[], context: ReportContext): ReportCost | null {
	const given = context.cost;
	if (given) {
		return {
			gpu_seconds: given.gpu_seconds,
			servers_launched: given.servers_launched,
			wall_seconds: given.wall_seconds ?? null,
			clock: given.clock ?? null,
			source: 'run',
			candidates: (given.candidates ?? []).map(c => ({...c})),
		};
	}

	const latest = new Map<string, CandidateCostLine>();
	for (const row of rows) {
		if (!row.cost) continue;
		const seen = latest.get(row.candidate_id);
		if (seen && seen.wall_seconds >= row.cost.wall_seconds) continue;
		latest.set(row.candidate_id, {framework: row.framework, candidate_id: row.candidate_id, ...row.cost});
	}

	if (latest.size === 0) return null;
	const candidates = [...latest.values()];
	const simulated = rows.some(row => row.hardware?.simulated === true);
	return {
		gpu_seconds: Math.round(candidates.reduce((sum, c) => sum + c.gpu_seconds, 0) * 1000) / 1000,
		servers_launched: candidates.reduce((sum, c) => sum + c.servers_launched, 0),
		wall_seconds: null,
		clock: simulated ? 'simulated' : 'wall',
		source: 'rows',
		candidates,
	};
}

const seconds = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** One line for the report's header and the terminal (the run's final line takes the first three fields). */
export function costLine(cost: Pick<ReportCost, 'gpu_seconds' | 'servers_launched' | 'clock'> & {wall_seconds?: number | null}): string {
	const clock = cost.clock === 'simulated' ? ' (simulated box time)' : '';
	const wall = cost.wall_seconds === null || cost.wall_seconds === undefined ? '' : `, run ${seconds(cost.wall_seconds)} s`;
	return `${seconds(cost.gpu_seconds)} GPU-seconds over ${cost.servers_launched} server launch${cost.servers_launched === 1 ? '' : 'es'}${wall}${clock}`;
}

/** Per candidate, in the order they ran: what each one held (markdown section 1, summary.json `cost`). */
export function costTable(cost: ReportCost): {title: string; headers: string[]; rows: string[][]; note: string} {
	return {
		title: 'Cost per candidate',
		headers: ['framework', 'candidate', 'server launches', 'server seconds', 'GPU-seconds'],
		rows: cost.candidates.map(c => [c.framework, c.candidate_id, String(c.servers_launched), seconds(c.wall_seconds), seconds(c.gpu_seconds)]),
		note: `GPU-seconds = GPUs held × launch-to-stop time${cost.clock === 'simulated' ? ', in the simulated box’s seconds (wall ÷ time_scale)' : ''}.`,
	};
}
