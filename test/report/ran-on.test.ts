import test from 'ava';
import {ranOnLine} from '../../source/report/ran-on.js';

test('one place for every candidate is said once', t => {
	t.is(
		ranOnLine([
			{candidate_id: 'a', where: 'local (GPUs 0,1)'},
			{candidate_id: 'b', where: 'local (GPUs 0,1)'},
		]),
		'local (GPUs 0,1) (every candidate)',
	);
});

test('several places list their candidates, whatever order the rows came in', t => {
	const rows = [
		{candidate_id: 'c', where: 'node2 (GPUs 0)'},
		{candidate_id: 'a', where: 'node1 (GPUs 0)'},
		{candidate_id: 'b', where: 'node2 (GPUs 0)'},
		{candidate_id: 'old-row'},
	];
	const expected = 'node1 (GPUs 0): a; node2 (GPUs 0): b, c';
	t.is(ranOnLine(rows), expected);
	t.is(ranOnLine([...rows].reverse()), expected);
});

test('rows that say nothing (older rows, imports): no line', t => {
	t.is(ranOnLine([{candidate_id: 'a'}]), null);
});
