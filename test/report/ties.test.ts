import test from 'ava';
import {buildReport} from '../../source/report/build-report.js';
import {reportJson} from '../../source/report/render-json.js';
import {renderMarkdown} from '../../source/report/render-markdown.js';
import {rankRows} from '../../source/report/rank.js';
import type {ResultRow} from '../../source/results/result-row.js';
import type {Statistics} from '../../source/results/statistics-block.js';
import {rateInterval} from '../../source/stats/intervals.js';
import {makeRow} from './make-row.js';

/** A measured row: steady-window throughput from `completions` in `seconds`, and the search's bracket. */
function measured(id: string, completions: number, seconds: number, bracket: [number | null, number | null], extra: Partial<Statistics> = {}): ResultRow {
	const interval = rateInterval(completions, seconds);
	const rate = completions / seconds;
	const statistics: Statistics = {
		confidence: 0.95,
		intervals: {
			steady_request_throughput: {lower: interval.lower, upper: interval.upper, samples: completions},
			p99_ttft_ms: {lower: 300, upper: 700, samples: 400},
			p99_tpot_ms: {lower: 30, upper: 50, samples: 400},
		},
		samples: {requests: 64, completed: 64},
		warmup_requests: 4,
		steady_window: {rule: 'test window', start_s: 0, end_s: seconds, completions, request_throughput: rate, request_goodput: null},
		target_request_rate: bracket[0],
		offered_request_rate: bracket[0],
		achieved_ratio: 1,
		batches: 1,
		qps_bracket: {passed_rate: bracket[0], failed_rate: bracket[1], converged: true, tolerance: 0.15, extra_batches: 0},
		records: [`vllm/${id}/chat/c-steady.requests.jsonl`],
		repeats: 0,
		...extra,
	};
	return makeRow({candidate_id: id, metrics: {request_throughput: rate}, workload: {request_rate: bracket[0] ?? 4}, statistics});
}

test('overlapping intervals tie; the tie goes to the candidate closer to the baseline, and the report says so', t => {
	// 10.2 vs 10.5 req/s from ~50 completions each: intervals overlap widely.
	const rows = [measured('vllm-02-big-batch', 52, 5, [16, null]), measured('vllm-00-baseline', 51, 5, [16, null])];
	const model = buildReport(rows);
	const winner = model.winners[0]!;
	t.is(winner.candidateId, 'vllm-00-baseline');
	t.deepEqual(winner.evidence.tiedWith, ['vllm-02-big-batch']);
	t.is(winner.evidence.decidedBy, 'baseline');
	t.false(winner.evidence.margin!.distinguishable);
	t.true(winner.evidence.margin!.value! < 0, 'the baseline won on the tie-break despite a lower point estimate');
	const json = reportJson(model).winners[0]!;
	t.deepEqual(json.tied_with, ['vllm-02-big-batch']);
	t.is(json.samples, 51);
	t.is(json.ci.figure, 'steady_request_throughput');
	t.true(json.ci.lower! < 10.2 && json.ci.upper! > 10.2);
	t.is(json.margin!.runner_up, 'vllm-02-big-batch');
	t.true(json.margin!.lower! < 0 && json.margin!.upper! > 0);
	const notSelected = model.notSelected.find(item => item.entry.row.candidate_id === 'vllm-02-big-batch')!;
	t.regex(notSelected.reason, /lost within noise to vllm-00-baseline .*intervals overlap.*closer to the baseline/);
	t.regex(renderMarkdown(model), /tied with vllm-02-big-batch; chosen by closer to the baseline/);
});

test('a candidate that passed the SLA at a rate the other failed at wins even when throughput intervals overlap', t => {
	const rows = [measured('vllm-00-baseline', 40, 4, [10, 12]), measured('vllm-01-tuned', 48, 4, [12, 14])];
	const model = buildReport(rows);
	const winner = model.winners[0]!;
	t.is(winner.candidateId, 'vllm-01-tuned');
	t.deepEqual(winner.evidence.tiedWith, []);
	t.is(winner.evidence.margin!.by, 'bracket');
	t.true(winner.evidence.margin!.distinguishable);
	t.regex(model.notSelected[0]!.reason, /outranked by vllm-01-tuned \(passed the SLA at 12 req\/s, where the other failed at 12\)/);
});

test('an undecided round above the pass is no fail: the brackets do not tell the candidates apart', t => {
	// vllm-00 passed at 12; vllm-01 stayed undecided at 12 (failed_rate 12, no confident fail).
	const undecidedAbove = measured('vllm-01-capped', 44, 4, [10, 12]);
	undecidedAbove.statistics = {...undecidedAbove.statistics!, qps_bracket: {...undecidedAbove.statistics!.qps_bracket!, confident_fail_rate: null}};
	const rows = [measured('vllm-00-baseline', 48, 4, [12, null]), undecidedAbove];
	const winner = buildReport(rows).winners[0]!;
	t.is(winner.candidateId, 'vllm-00-baseline');
	t.deepEqual(winner.evidence.tiedWith, ['vllm-01-capped']);
	t.false(winner.evidence.margin!.distinguishable);
	// The same rows with a confident fail at 12 are told apart by the bracket.
	const failedAbove = measured('vllm-01-capped', 44, 4, [10, 12]);
	failedAbove.statistics = {...failedAbove.statistics!, qps_bracket: {...failedAbove.statistics!.qps_bracket!, confident_fail_rate: 12}};
	const decided = buildReport([rows[0]!, failedAbove]).winners[0]!;
	t.deepEqual(decided.evidence.tiedWith, []);
	t.is(decided.evidence.margin!.by, 'bracket');
});

test('intervals apart: a clear win, with its margin and interval', t => {
	const rows = [measured('vllm-00-baseline', 400, 40, [10, null]), measured('vllm-01-tuned', 600, 40, [15, null])];
	const winner = buildReport(rows).winners[0]!;
	t.is(winner.candidateId, 'vllm-01-tuned');
	t.deepEqual(winner.evidence.tiedWith, []);
	t.is(winner.evidence.margin!.by, 'interval');
	t.true(winner.evidence.margin!.lower! > 0);
});

test('a tie is never the default: rows without intervals compare as points', t => {
	const rows = [
		makeRow({candidate_id: 'vllm-00-baseline', metrics: {request_throughput: 2.85}}),
		makeRow({candidate_id: 'vllm-01-x', metrics: {request_throughput: 2.852}}),
	];
	const winner = buildReport(rows).winners[0]!;
	t.is(winner.candidateId, 'vllm-01-x');
	t.deepEqual(winner.evidence.tiedWith, []);
	t.is(winner.evidence.margin!.by, 'point');
});

test('an undecided verdict never wins and ranks after a pass, before a fail', t => {
	const undecided = {
		...measured('vllm-01-fast', 100, 5, [16, null]),
		sla: {max_p99_ttft_ms: 2000, passed: null, undecided: true},
		metrics: {request_throughput: 20, p99_ttft_ms: 1900},
	};
	undecided.statistics = {...undecided.statistics!, intervals: {...undecided.statistics!.intervals, p99_ttft_ms: {lower: 1500, upper: null, samples: 64}}};
	const failing = makeRow({candidate_id: 'vllm-02-failing', metrics: {request_throughput: 30, p99_ttft_ms: 9000}});
	const passing = measured('vllm-00-baseline', 40, 5, [8, null]);
	const ranked = rankRows([failing, undecided, passing]);
	t.deepEqual(
		ranked.map(entry => entry.row.candidate_id),
		['vllm-00-baseline', 'vllm-01-fast', 'vllm-02-failing'],
	);
	t.is(ranked[1]!.sla.outcome, 'undecided');
	const model = buildReport([failing, undecided, passing]);
	t.is(model.winners[0]!.candidateId, 'vllm-00-baseline');
	t.regex(model.notSelected.find(item => item.entry.row.candidate_id === 'vllm-01-fast')!.reason, /SLA undecided: too few samples for p99 TTFT/);
});

test('cross-framework ties are declared from overlapping intervals only', t => {
	const a = {...measured('vllm-00-baseline', 50, 5, [16, null]), framework: 'vllm'};
	const b = {...measured('sglang-00-baseline', 51, 5, [16, null]), framework: 'sglang'};
	const model = buildReport([a, b]);
	t.is(model.winners.length, 2);
	const first = model.winners.find(w => w.rank === 1)!;
	t.is(first.evidence.crossTiedWith.length, 1);
	t.regex(renderMarkdown(model), /Tie: .* is statistically indistinguishable from/);
});

test('a row whose completions bunched gets a no-steady-state caveat naming it', t => {
	const steady = measured('vllm-00-baseline', 50, 5, [10, 12]);
	const bunched = measured('vllm-01-tuned', 50, 5, [10, 12]);
	const statistics = bunched.statistics!;
	const rows = [steady, {...bunched, statistics: {...statistics, steady_window: {...statistics.steady_window!, unsteady_batches: 1}}}];
	const caveats = buildReport(rows).caveats.join('\n');
	t.regex(caveats, /No steady state in 1 row\(s\): vllm-01-tuned \(chat\)/);
	t.notRegex(caveats, /No steady state in .*vllm-00-baseline/);
});
