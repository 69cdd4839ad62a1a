import {mkdtemp, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import * as v from 'valibot';
import {ResultRowSchema} from '../../source/results/result-row.js';
import {runCli} from '../helpers/run-cli.js';

const fixtures = path.join('test', 'fixtures', 'native');

test('import prints one valid row per record', async t => {
	const result = await runCli([
		'import',
		path.join(fixtures, 'sglang-output-details.jsonl'),
		path.join(fixtures, 'trtllm-result.json'),
		'--from',
		'sglang',
		'--candidate-id',
		'c1',
		'--scenario',
		'chat',
	]);
	// The TensorRT-LLM file is a single JSON object spread over lines: as SGLang JSONL it is not valid.
	t.is(result.exitCode, 1);
	t.regex(result.stderr, /trtllm-result\.json: line 1: not valid JSON.*sglang result file/);

	const ok = await runCli([
		'import',
		path.join(fixtures, 'sglang-output-details.jsonl'),
		path.join(fixtures, 'sglang-newest.jsonl'),
		'--from',
		'sglang',
		'--candidate-id',
		'c1',
		'--scenario',
		'chat',
	]);
	t.is(ok.exitCode, 0, ok.stderr);
	const rows = ok.stdout
		.trim()
		.split('\n')
		.map(line => JSON.parse(line) as unknown);
	t.is(rows.length, 4);
	for (const row of rows) t.true(v.is(ResultRowSchema, row));
	const parsed = rows.map(row => v.parse(ResultRowSchema, row));
	t.deepEqual(
		parsed.map(row => row.workload.load_mode),
		['burst', 'steady', 'steady', 'burst'],
	);
	t.deepEqual(
		parsed.map(row => row.status),
		['ok', 'ok', 'ok', 'failed'],
	);
	t.true(parsed.every(row => row.candidate_id === 'c1' && row.workload.scenario === 'chat' && row.framework === 'sglang'));
	t.is(parsed[3]!.metrics!.p99_e2e_ms, null);
});

test('import: trtllm alias, empty file explains itself, bad usage exits 2', async t => {
	const trt = await runCli(['import', path.join(fixtures, 'trtllm-result.json'), '--from', 'trtllm']);
	t.is(trt.exitCode, 0, trt.stderr);
	t.like(JSON.parse(trt.stdout) as object, {framework: 'tensorrt_llm', candidate_id: 'trtllm-result', metrics: {request_goodput: 5.9}});

	const directory = await mkdtemp(path.join(os.tmpdir(), 'import-'));
	const empty = path.join(directory, 'empty.jsonl');
	await writeFile(empty, '');
	const none = await runCli(['import', empty, '--from', 'sglang']);
	t.is(none.exitCode, 1);
	t.regex(none.stderr, /no result record/);

	const bad = await runCli(['import', empty, '--from', 'tgi']);
	t.is(bad.exitCode, 2);
	t.regex(bad.stderr, /--from tgi/);
});
