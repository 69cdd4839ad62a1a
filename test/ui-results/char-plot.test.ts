import test from 'ava';
import {plotChars} from '../../source/ui/results/char-plot.js';
import {fitTable, tableWidth} from '../../source/ui/results/fit-table.js';
import {unwrapCommand, wrapCommand} from '../../source/ui/results/wrap-command.js';

test('plotChars puts each point at its place and stays within the width', t => {
	const lines = plotChars({width: 40, height: 5, xLabel: 'req/s', series: [{char: 'A', points: [{x: 0, y: 0}, {x: 10, y: 100}]}]});
	t.true(lines.every(line => line.length <= 40));
	const plot = lines.slice(0, 5);
	t.true(plot[0]!.endsWith('A'), 'the highest point is top right');
	t.regex(plot[4]!, /^ {6}0│A/, 'the origin is bottom left');
	t.regex(plot[2]!, /·/, 'the segment between points is dotted');
	t.regex(lines.at(-1)!, /req\/s/);
});

test('plotChars says so when there is nothing to draw', t => {
	t.deepEqual(plotChars({width: 40, height: 5, xLabel: 'x', series: [{char: 'A', points: []}]}), ['(no measured points)']);
});

test('wrapCommand keeps every character and pastes back as the same command', t => {
	const command = 'python -m sglang.launch_server --model-path Qwen/Qwen3-32B --tp-size 4 --mem-fraction-static 0.88 --chunked-prefill-size 8192';
	const lines = wrapCommand(command, 40);
	t.true(lines.length > 2);
	t.true(lines.every(line => line.length <= 40));
	t.true(lines.slice(0, -1).every(line => line.endsWith(' \\')));
	t.is(unwrapCommand(lines), command);
});

test('fitTable shortens only the flexible column, with an ellipsis, to the width', t => {
	const rows = [{id: 'a'.repeat(60), n: '1'}];
	const fitted = fitTable(rows, ['id', 'n'], 'id', 40);
	t.is(tableWidth(fitted, ['id', 'n']), 40);
	t.true(fitted[0]!.id!.endsWith('…'));
	t.deepEqual(fitTable(rows, ['id', 'n'], 'id', 100), rows);
});

test('fitTable shortens other text columns when the flexible one alone cannot fit, never numbers or headers', t => {
	// The burst table of a demo run at 98 columns: candidate ids at their minimum still left it one too wide.
	const columns = ['scenario', 'framework', 'candidate', 'status', 'SLA', 'req/s', 'out tok/s', 'p99 TTFT', 'p99 TPOT'];
	const rows = [
		{scenario: 'summarization', framework: 'TensorRT-LLM', candidate: 'tensorrt_llm-02-max-batch-size-128', status: 'ok', SLA: 'FAIL', 'req/s': '13.12', 'out tok/s': '840', 'p99 TTFT': '1771', 'p99 TPOT': '33.00'},
		{scenario: 'chat', framework: 'SGLang', candidate: 'sglang-00-baseline', status: 'skipped', SLA: 'n/a', 'req/s': '15.60', 'out tok/s': '1997', 'p99 TTFT': '868.3', 'p99 TPOT': '14.42'},
	];
	for (const width of [98, 96]) {
		const fitted = fitTable(rows, columns, 'candidate', width);
		t.true(tableWidth(fitted, columns) <= width, `fits ${width}`);
		t.deepEqual(fitted.map(row => row['req/s']), ['13.12', '15.60']);
		t.deepEqual(fitted.map(row => row['p99 TTFT']), ['1771', '868.3']);
	}
});
