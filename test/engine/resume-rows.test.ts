import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import * as v from 'valibot';
import {isAbortedRow, loadDoneRows} from '../../source/engine/resume-run.js';
import {ResultRowSchema} from '../../source/results/result-row.js';
import {makeRow} from '../report/make-row.js';

const skipped = (candidate: string, reason: string, cause?: {kind: 'run-aborted' | 'operator' | 'policy'}) =>
	makeRow({candidate_id: candidate, status: 'skipped', failure_reason: reason, metrics: null, ...(cause ? {cause} : {})});

test('aborted rows are recognised by their structured cause, whatever the words say', t => {
	t.true(isAbortedRow(skipped('a', 'interrupted (SIGTERM)', {kind: 'run-aborted'})));
	t.false(isAbortedRow(skipped('b', 'run aborted: but the cause says the operator skipped it', {kind: 'operator'})));
	t.false(isAbortedRow(skipped('c', 'rejected by policy: backend trt', {kind: 'policy'})));
	t.false(isAbortedRow(makeRow({cause: {kind: 'run-aborted'}})), 'only skipped rows');
});

test('rows written before rows had a cause are still recognised by their text', t => {
	t.true(isAbortedRow(skipped('old', 'run aborted: interrupted (SIGINT)')));
	t.false(isAbortedRow(skipped('old-skip', 'skipped by operator')));
	const old = {...skipped('old', 'run aborted: x')} as Record<string, unknown>;
	t.is(old.cause, undefined);
	t.true(v.safeParse(ResultRowSchema, old).success, 'an old row still parses');
	t.false(v.safeParse(ResultRowSchema, {...old, cause: {kind: 'no-such-cause'}}).success, 'a cause must be a known kind');
});

test('resume drops aborted rows (old and new) and keeps the rest, rewriting the file', t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-resume-rows-'));
	const rows = [
		makeRow({candidate_id: 'done'}),
		skipped('new-abort', 'interrupted (SIGHUP)', {kind: 'run-aborted'}),
		skipped('old-abort', 'run aborted: x'),
		skipped('operator', 'skipped by operator', {kind: 'operator'}),
	];
	fs.writeFileSync(path.join(dir, 'results.jsonl'), rows.map(row => `${JSON.stringify(row)}\n`).join(''));
	const kept = loadDoneRows(dir);
	t.deepEqual(
		kept.map(row => row.candidate_id),
		['done', 'operator'],
	);
	const rewritten = fs.readFileSync(path.join(dir, 'results.jsonl'), 'utf8').trim().split('\n');
	t.is(rewritten.length, 2);
});
