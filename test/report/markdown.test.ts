import test from 'ava';
import {buildReport} from '../../source/report/build-report.js';
import {renderCsv} from '../../source/report/render-csv.js';
import {renderMarkdown} from '../../source/report/render-markdown.js';
import {makeRow} from './make-row.js';

test('a simulated run says so loudly in the header and in the caveats', t => {
	const report = buildReport([makeRow({hardware: {gpu_model: 'H100 (simulated)', gpu_count: 4, simulated: true}})]);
	const markdown = renderMarkdown(report);
	t.regex(markdown, /^# LLM serving benchmark report\n\n> \*\*SIMULATED — figures are plausible, not real\.\*\*/);
	t.true(report.caveats[0]!.startsWith('SIMULATED'));
	t.false(renderMarkdown(buildReport([makeRow()])).includes('SIMULATED'));
});

test('caveats come from the data: smoke-only, baseline-only, cut short, broken fairness checks', t => {
	const rows = [
		makeRow({framework: 'sglang', candidate_id: 'sglang-00-baseline', workload: {load_mode: 'smoke'}}),
		makeRow({framework: 'vllm', candidate_id: 'vllm-00-baseline', normalization: {same_gpu_count: false}}),
		makeRow({framework: 'tensorrt_llm', candidate_id: 'tensorrt_llm-00-baseline'}),
		makeRow({framework: 'tensorrt_llm', candidate_id: 'tensorrt_llm-01-x'}),
	];
	const caveats = buildReport(rows, {frameworks: {tensorrt_llm: {planned_candidates: 6}}}).caveats.join('\n');
	t.regex(caveats, /SGLang ran only smoke checks/);
	t.regex(caveats, /vLLM ran only one candidate \(vllm-00-baseline\)/);
	t.regex(caveats, /TensorRT-LLM: the search was cut short — 2 of 6 planned candidates/);
	t.regex(caveats, /Fairness check same_gpu_count did not hold for 1 row\(s\) \(vllm-00-baseline\)/);
	t.notRegex(caveats, /SIMULATED/);
});

test('caveats list each note once though every row and the manifest repeat it', t => {
	const notes = [
		'chat prompts: the server adds its chat template',
		'scenario summarization: holds 10 rows',
		'simulated GPU box: figures are plausible, not real',
	];
	const rows = ['sglang', 'vllm'].flatMap(framework =>
		['chat', 'summarization'].map(scenario =>
			makeRow({
				framework,
				candidate_id: `${framework}-00-baseline`,
				workload: {scenario},
				hardware: {gpu_model: 'H100', gpu_count: 1, simulated: true},
				normalization: {same_gpu_count: true, notes},
			}),
		),
	);
	const caveats = buildReport(rows, {notes: notes.slice(0, 2)}).caveats;
	for (const note of notes.slice(0, 2)) t.is(caveats.filter(text => text === note).length, 1, note);
	t.is(caveats.filter(text => /simulated/i.test(text)).length, 1, 'the SIMULATED banner says it once');
	t.is(new Set(caveats).size, caveats.length);
});

test('a search whose ceiling passed says the capacity may be higher; a bracketed knee does not', t => {
	const round = (rate: number, passed: boolean) => ({request_rate: rate, passed, request_throughput: rate * 0.9});
	const capped = makeRow({candidate_id: 'vllm-00-baseline', workload: {request_rate: 16}, qps_rounds: [round(4, true), round(16, true)]});
	const knee = makeRow({
		framework: 'sglang',
		candidate_id: 'sglang-00-baseline',
		workload: {request_rate: 10},
		qps_rounds: [round(4, true), round(16, false), round(10, true)],
	});
	const caveats = buildReport([capped, knee]).caveats.join('\n');
	t.regex(caveats, /ceiling passed the SLA for 1 row\(s\): vllm-00-baseline \(chat, 16 req\/s\)\. Their capacity may be higher than the search ceiling/);
	t.notRegex(caveats, /sglang-00-baseline \(chat/);
	t.notRegex(buildReport([knee]).caveats.join('\n'), /ceiling/);
});

test('a scenario without any SLA-passing candidate gets no winner and says so', t => {
	const report = buildReport([makeRow({metrics: {p99_ttft_ms: 9000}})]);
	const markdown = renderMarkdown(report);
	t.deepEqual(report.winners, []);
	t.regex(markdown, /No candidate passed the SLA, so there is no command to deploy/);
	t.regex(markdown, /Scenario chat: no framework has an SLA-passing candidate/);
	t.regex(markdown, /\| chat \| none — no candidate passed the SLA \(1 finished; best vllm-00-baseline: p99_ttft_ms 9000 > 2000\) \| FAIL \|/);
});

test('steady and burst results are separate tables; pipes in reasons do not break rows', t => {
	const rows = [
		makeRow({candidate_id: 'vllm-00-baseline'}),
		makeRow({candidate_id: 'vllm-00-baseline', workload: {load_mode: 'burst', request_rate: 'inf'}, metrics: {request_throughput: 11}}),
		makeRow({candidate_id: 'vllm-01-bad', status: 'failed', failure_reason: 'error: argument --foo | bar: invalid choice', metrics: null}),
	];
	const markdown = renderMarkdown(buildReport(rows));
	t.regex(markdown, /### Burst throughput \(request rate inf\)[^\n]*\n\n\| scenario \| framework \| candidate \| status \| SLA \| req\/s/);
	t.regex(markdown, /invalid choice/);
	t.true(markdown.includes('argument --foo \\| bar'));
	t.regex(markdown, /Burst \(request rate inf\) throughput is shown in its own table and never picks a winner/);
});

test('CSV: one ranked line per row, quoted where needed, winners marked', t => {
	const rows = [
		makeRow({candidate_id: 'slow', metrics: {request_throughput: 2}}),
		makeRow({candidate_id: 'fast', metrics: {request_throughput: 5}, server_command: 'vllm serve M --override-generation-config "{\\"temperature\\": 0.0}"'}),
	];
	const lines = renderCsv(buildReport(rows)).trim().split('\r\n');
	t.is(lines.length, 3);
	t.regex(lines[1]!, /^steady,chat,vllm,1,yes,1,fast,ok,true,/);
	t.true(lines[1]!.includes('"vllm serve M --override-generation-config ""{\\""temperature\\"": 0.0}"""'));
	t.regex(lines[2]!, /^steady,chat,vllm,2,no,,slow,/);
});
