import test from 'ava';
import {buildReport} from '../../source/report/build-report.js';
import {rankRows} from '../../source/report/rank.js';
import {pickWinners} from '../../source/report/winners.js';
import {makeRow} from './make-row.js';

const ids = (rows: ReturnType<typeof rankRows>) => rows.map(entry => entry.row.candidate_id);

test('the fastest candidate OOM’d: it ranks below every finished one and never wins', t => {
	const rows = [
		makeRow({candidate_id: 'vllm-02-mem-0.97', status: 'oom', failure_reason: 'CUDA out of memory', metrics: {request_throughput: 12}}),
		makeRow({candidate_id: 'vllm-00-baseline', metrics: {request_throughput: 5}}),
	];
	t.deepEqual(ids(rankRows(rows)), ['vllm-00-baseline', 'vllm-02-mem-0.97']);
	t.deepEqual(
		pickWinners(rows).map(w => w.candidateId),
		['vllm-00-baseline'],
	);
});

test('the fastest completed but failed the SLA: recomputed from metrics even when the row says passed', t => {
	const rows = [
		makeRow({candidate_id: 'vllm-01-fast', metrics: {request_throughput: 9, p99_ttft_ms: 3100}, sla: {max_p99_ttft_ms: 2000, passed: true}}),
		makeRow({candidate_id: 'vllm-00-baseline', metrics: {request_throughput: 5}}),
	];
	const ranked = rankRows(rows);
	t.deepEqual(ids(ranked), ['vllm-00-baseline', 'vllm-01-fast']);
	t.false(ranked[1]!.sla.passed);
	t.true(ranked[1]!.sla.recordedDisagrees);
	t.deepEqual(ranked[1]!.sla.failures, ['p99_ttft_ms 3100 > 2000']);
	t.deepEqual(
		pickWinners(rows).map(w => w.candidateId),
		['vllm-00-baseline'],
	);
});

test('ties on request throughput break by output throughput, then p99 TTFT, then p99 TPOT, then GPU count', t => {
	const base = {request_throughput: 6, output_token_throughput: 6000, p99_ttft_ms: 500, p99_tpot_ms: 40};
	const rows = [
		makeRow({candidate_id: 'e-more-gpus', metrics: base, hardware: {gpu_count: 8}}),
		makeRow({candidate_id: 'd-slower-tpot', metrics: {...base, p99_tpot_ms: 60}}),
		makeRow({candidate_id: 'c-slower-ttft', metrics: {...base, p99_ttft_ms: 900}}),
		makeRow({candidate_id: 'b-less-output', metrics: {...base, output_token_throughput: 5000}}),
		makeRow({candidate_id: 'a-fewer-gpus', metrics: base, hardware: {gpu_count: 2}}),
		makeRow({candidate_id: 'f-more-requests', metrics: {...base, request_throughput: 6.5, output_token_throughput: 100}}),
	];
	t.deepEqual(ids(rankRows(rows)), ['f-more-requests', 'a-fewer-gpus', 'e-more-gpus', 'd-slower-tpot', 'c-slower-ttft', 'b-less-output']);
});

test('missing metrics rank last, after any measured value', t => {
	const rows = [
		makeRow({candidate_id: 'no-throughput', metrics: {request_throughput: null, output_token_throughput: 9000}}),
		makeRow({candidate_id: 'slow', metrics: {request_throughput: 1}}),
		makeRow({candidate_id: 'no-ttft', metrics: {request_throughput: 1, output_token_throughput: 4000, p99_ttft_ms: null}}),
	];
	t.deepEqual(ids(rankRows(rows)), ['slow', 'no-ttft', 'no-throughput']);
});

test('goodput replaces request throughput when the SLA names min_request_goodput', t => {
	const goodputSla = {max_p99_ttft_ms: 2000, min_request_goodput: 1, passed: true};
	const rows = [
		makeRow({candidate_id: 'raw-fast', sla: goodputSla, metrics: {request_throughput: 9, request_goodput: 3}}),
		makeRow({candidate_id: 'good-fast', sla: goodputSla, metrics: {request_throughput: 7, request_goodput: 6}}),
	];
	t.deepEqual(ids(rankRows(rows)), ['good-fast', 'raw-fast']);
});

test('a framework with no SLA-passing candidate is absent from the winners and present in the failed table', t => {
	const rows = [
		makeRow({framework: 'sglang', candidate_id: 'sglang-00-baseline'}),
		makeRow({framework: 'tensorrt_llm', candidate_id: 'tensorrt_llm-00-baseline', metrics: {p99_tpot_ms: 120}}),
		makeRow({
			framework: 'tensorrt_llm',
			candidate_id: 'tensorrt_llm-01-batch-512',
			status: 'timeout',
			failure_reason: 'server not healthy after 900 s',
			metrics: null,
		}),
	];
	const report = buildReport(rows);
	t.deepEqual(
		report.winners.map(w => w.framework),
		['sglang'],
	);
	const failed = report.notSelected.map(item => [item.entry.row.candidate_id, item.reason]);
	t.deepEqual(failed, [
		['tensorrt_llm-00-baseline', 'missed SLA: p99_tpot_ms 120 > 80'],
		['tensorrt_llm-01-batch-512', 'server not healthy after 900 s'],
	]);
	t.regex(report.comparisons[0]!.without[0]!.reason, /no candidate passed the SLA/);
});

test('"true"/"false" strings read as booleans when the metrics cannot decide', t => {
	const rows = [
		makeRow({candidate_id: 'says-false', sla: {passed: 'false'}, metrics: {request_throughput: 9}}),
		makeRow({candidate_id: 'says-true', sla: {passed: 'True'}, metrics: {request_throughput: 3}}),
	];
	const ranked = rankRows(rows);
	t.deepEqual(ids(ranked), ['says-true', 'says-false']);
	t.deepEqual(
		ranked.map(entry => entry.sla.passed),
		[true, false],
	);
	t.deepEqual(
		pickWinners(rows).map(w => w.candidateId),
		['says-true'],
	);
});

test('a string "true" never overrides failing metrics, and a string "false" never sinks passing metrics', t => {
	const rows = [
		makeRow({candidate_id: 'lies-true', sla: {max_p99_ttft_ms: 100, passed: 'true'}, metrics: {p99_ttft_ms: 500}}),
		makeRow({candidate_id: 'lies-false', sla: {max_p99_ttft_ms: 1000, passed: 'false'}, metrics: {p99_ttft_ms: 500}}),
	];
	t.deepEqual(
		rankRows(rows).map(entry => [entry.row.candidate_id, entry.sla.passed]),
		[
			['lies-false', true],
			['lies-true', false],
		],
	);
});

test('cookbook-era rows (p99 SLA keys, mean-only metrics) rank using their recorded verdict', t => {
	const meanOnly = {p99_ttft_ms: null, p99_tpot_ms: null, mean_ttft_ms: 300, mean_tpot_ms: 30};
	const rows = [
		makeRow({
			candidate_id: 'old-pass',
			workload: {load_mode: null, request_rate: 4},
			sla: {max_p99_ttft_ms: 2000, max_p99_tpot_ms: 80, passed: 'true'},
			metrics: {...meanOnly, request_throughput: 3},
		}),
		makeRow({
			candidate_id: 'old-fail',
			workload: {load_mode: null, request_rate: 4},
			sla: {max_p99_ttft_ms: 2000, max_p99_tpot_ms: 80, passed: 'false'},
			metrics: {...meanOnly, request_throughput: 5},
		}),
		makeRow({candidate_id: 'old-unknown', workload: {load_mode: null}, sla: {max_p99_ttft_ms: 2000}, metrics: {...meanOnly, request_throughput: 8}}),
	];
	const report = buildReport(rows);
	t.deepEqual(
		report.ranked.map(entry => entry.row.candidate_id),
		['old-pass', 'old-unknown', 'old-fail'],
	);
	t.deepEqual(report.ranked[1]!.sla.failures, ['max_p99_ttft_ms not measured']);
	t.true(report.caveats.some(text => /recorded SLA verdict was used/.test(text)));
});

test('imported rows without any SLA use the run SLA from the context', t => {
	const rows = [makeRow({sla: null, metrics: {p99_ttft_ms: 2500}}), makeRow({candidate_id: 'vllm-01', sla: null, metrics: {p99_ttft_ms: 900}})];
	const report = buildReport(rows, {sla: {max_p99_ttft_ms: 2000}});
	t.deepEqual(
		report.winners.map(w => w.candidateId),
		['vllm-01'],
	);
});

test('steady and burst rows are ranked apart; winners come from steady rows only', t => {
	const rows = [
		makeRow({candidate_id: 'burst-fast', workload: {load_mode: 'burst', request_rate: 'inf'}, metrics: {request_throughput: 20}}),
		makeRow({candidate_id: 'steady', metrics: {request_throughput: 5}}),
		makeRow({candidate_id: 'smoke', workload: {load_mode: 'smoke'}, metrics: {request_throughput: 50}}),
	];
	const report = buildReport(rows);
	t.deepEqual(
		report.winners.map(w => w.candidateId),
		['steady'],
	);
	t.deepEqual(
		report.burst.map(entry => entry.row.candidate_id),
		['burst-fast'],
	);
	t.true(report.ranked.every(entry => entry.rank === 1));
});

test('cross-framework ranking per scenario follows the same order', t => {
	const rows = [
		makeRow({framework: 'sglang', candidate_id: 's', metrics: {request_throughput: 5}}),
		makeRow({framework: 'vllm', candidate_id: 'v', metrics: {request_throughput: 7}}),
		makeRow({framework: 'tensorrt_llm', candidate_id: 't', metrics: {request_throughput: 6}}),
		makeRow({framework: 'vllm', candidate_id: 'v-sum', workload: {scenario: 'summarization'}, metrics: {request_throughput: 2}}),
	];
	const winners = pickWinners(rows);
	t.deepEqual(
		winners.map(w => [w.scenario, w.framework, w.rank]),
		[
			['chat', 'vllm', 1],
			['chat', 'tensorrt_llm', 2],
			['chat', 'sglang', 3],
			['summarization', 'vllm', 1],
		],
	);
});

test('native imports with only burst rows still rank: winners come from burst, with a caveat', t => {
	const rows = [
		makeRow({framework: 'sglang', candidate_id: 'imported', sla: null, workload: {load_mode: null, request_rate: 'inf'}, metrics: {request_throughput: 11}}),
		makeRow({framework: 'vllm', candidate_id: 'imported', sla: null, workload: {load_mode: null, request_rate: 'inf'}, metrics: {request_throughput: 12}}),
	];
	const report = buildReport(rows);
	t.is(report.winnerClass, 'burst');
	t.deepEqual(
		report.winners.map(w => [w.framework, w.rank]),
		[
			['vllm', 1],
			['sglang', 2],
		],
	);
	t.true(report.caveats.some(text => /no steady-state \(fixed QPS\) rows/.test(text)));
	t.true(report.caveats.some(text => /No SLA was given/.test(text)));
});
