import test from 'ava';
import {plotChars} from '../../source/ui/results/char-plot.js';
import {unwrapCommand, wrapCommand} from '../../source/ui/results/wrap-command.js';

test('plotChars puts each point at its place and stays within the width', t => {
	const lines = plotChars({
		width: 40,
		height: 5,
		xLabel: 'req/s',
		series: [
			{
				char: 'A',
				points: [
					{x: 0, y: 0},
					{x: 10, y: 100},
				],
			},
		],
	});
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
