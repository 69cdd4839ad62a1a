import test from 'ava';
import {render} from 'ink-testing-library';
import {reduceAll} from '../../source/engine/reduce.js';
import {LiveScreen} from '../../source/ui/live/live-screen.js';
import {RoundChart} from '../../source/ui/live/round-chart.js';
import {plotChars} from '../../source/ui/results/char-plot.js';
import {demoEvents} from '../helpers/demo-events.js';

const strip = (frame = '') => frame.replace(/\u001B\[[0-9;]*m/g, '');

test('char-plot draws an SLA line across the plot at its height, under the points', t => {
	const lines = plotChars({width: 40, height: 5, xLabel: 'req/s', series: [{char: 'o', points: [{x: 0, y: 0}, {x: 10, y: 100}]}], lines: [{y: 50}]});
	const plot = lines.slice(0, 5);
	t.regex(plot[2]!, /│┄+/, 'the bound at half height');
	t.is(plot[2]!.split('│')[1]!.length, 31, 'across the whole plot width');
	t.true(plot[0]!.endsWith('o'));
});

test('the round chart: latency against achieved rate, o passed, x failed, the SLA bound as ┄', t => {
	const rounds = [{throughput: 2.9, latency: 120, passed: true}, {throughput: 5.8, latency: 260, passed: true}, {throughput: 7.1, latency: 640, passed: false}];
	const frame = strip(render(<RoundChart rounds={rounds} sla={{max_p99_ttft_ms: 300}} width={60} height={8} />).lastFrame());
	t.regex(frame, /^p99 TTFT ms ↑ vs achieved req\/s → o passed · x failed · ┄ SLA ≤ 300 ms/);
	const plot = frame.split('\n').slice(1, 9);
	const slaRow = plot.findIndex(line => line.includes('┄┄┄'));
	const failRow = plot.findIndex(line => line.includes('x'));
	const passRows = plot.flatMap((line, i) => (line.includes('o') ? [i] : []));
	t.true(slaRow > failRow, 'the failed round is above the bound');
	t.true(passRows.every(row => row >= slaRow), 'passed rounds are on or below it');
	t.is(strip(render(<RoundChart rounds={rounds.slice(0, 1)} sla={{}} width={60} />).lastFrame()), '', 'one round is no chart');
});

test('a tall live screen (100×45) adds the round chart and still fits', t => {
	const events = demoEvents();
	const cut = events.findIndex(e => e.type === 'qps-round-finished' && e.round === 2) + 1;
	const state = reduceAll(events.slice(0, cut));
	const lines = strip(render(<LiveScreen state={state} now={events[cut - 1]!.t} columns={100} rows={44} />).lastFrame()).split('\n');
	t.true(lines.length <= 44, `${lines.length} lines`);
	t.true(lines.some(line => line.startsWith('p99 TTFT ms ↑ vs achieved req/s')), lines.join('\n'));
	const short = strip(render(<LiveScreen state={state} now={events[cut - 1]!.t} columns={100} rows={29} />).lastFrame());
	t.false(short.includes('achieved req/s →'), 'not at 30 rows');
});
