import type {ResultRow} from '../results/result-row.js';
import type {ReportModel} from './build-report.js';
import type {RankedRow} from './rank.js';

/**
 * The numbers behind the charts, shared by the SVG (HTML) and character (terminal) renderers:
 * per scenario, each framework's best candidate traced across the QPS points it was measured at,
 * and every measured point for the throughput–latency Pareto frontier across frameworks.
 */

export type CurvePoint = {
	readonly rate: number | null;
	readonly throughput: number;
	readonly p50TtftMs: number | null;
	readonly p99TtftMs: number | null;
	readonly p50TpotMs: number | null;
	readonly p99TpotMs: number | null;
	readonly passed: boolean;
};

export type CandidateCurve = {readonly framework: string; readonly candidateId: string; readonly winner: boolean; readonly points: readonly CurvePoint[]};
export type ParetoPoint = {
	readonly framework: string;
	readonly candidateId: string;
	readonly throughput: number;
	readonly p99TtftMs: number;
	readonly passed: boolean;
};

const finite = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The QPS rounds of a row, or the row itself as a single point when it has none. */
export function curvePoints(entry: RankedRow): CurvePoint[] {
	const row: ResultRow = entry.row;
	const points: CurvePoint[] = (row.qps_rounds ?? []).flatMap(round => {
		const throughput = finite(round.request_throughput);
		return throughput === null
			? []
			: [
					{
						rate: round.request_rate,
						throughput,
						p50TtftMs: finite(round.p50_ttft_ms),
						p99TtftMs: finite(round.p99_ttft_ms),
						p50TpotMs: finite(round.p50_tpot_ms),
						p99TpotMs: finite(round.p99_tpot_ms),
						passed: round.passed,
					},
				];
	});
	const m = row.metrics;
	const throughput = finite(m?.request_throughput);
	if (points.length === 0 && throughput !== null) {
		const rate = row.workload.request_rate;
		points.push({
			rate: typeof rate === 'number' ? rate : null,
			throughput,
			p50TtftMs: finite(m?.p50_ttft_ms),
			p99TtftMs: finite(m?.p99_ttft_ms),
			p50TpotMs: finite(m?.p50_tpot_ms),
			p99TpotMs: finite(m?.p99_tpot_ms),
			passed: entry.sla.passed === true,
		});
	}

	return points.sort((a, b) => a.throughput - b.throughput);
}

/** Per framework, the winner (or, failing that, the best finished row) of a scenario. */
export function scenarioCurves(model: ReportModel, scenario: string): CandidateCurve[] {
	const rows = model.ranked.filter(e => e.loadClass === model.winnerClass && e.row.workload.scenario === scenario && e.row.status === 'ok');
	return model.frameworks.flatMap(framework => {
		const winner = model.winners.find(w => w.framework === framework && w.scenario === scenario);
		const entry = winner?.entry ?? rows.filter(e => e.row.framework === framework).sort((a, b) => a.rank - b.rank)[0];
		if (!entry) return [];
		const points = curvePoints(entry);
		return points.length > 0 ? [{framework, candidateId: entry.row.candidate_id, winner: Boolean(winner), points}] : [];
	});
}

/** Every finished point of a scenario (all candidates, all QPS rounds) with p99 TTFT measured. */
export function paretoPoints(model: ReportModel, scenario: string): ParetoPoint[] {
	return model.ranked
		.filter(e => e.loadClass === model.winnerClass && e.row.workload.scenario === scenario && e.row.status === 'ok')
		.flatMap(e =>
			curvePoints(e).flatMap(p =>
				p.p99TtftMs === null
					? []
					: [{framework: e.row.framework, candidateId: e.row.candidate_id, throughput: p.throughput, p99TtftMs: p.p99TtftMs, passed: p.passed}],
			),
		);
}

/** The points no other point beats on both throughput (higher) and p99 TTFT (lower), by latency. */
export function paretoFrontier(points: readonly ParetoPoint[]): ParetoPoint[] {
	const sorted = [...points].sort((a, b) => a.p99TtftMs - b.p99TtftMs || b.throughput - a.throughput);
	const frontier: ParetoPoint[] = [];
	for (const point of sorted) {
		if (frontier.length === 0 || point.throughput > frontier.at(-1)!.throughput) frontier.push(point);
	}

	return frontier;
}
