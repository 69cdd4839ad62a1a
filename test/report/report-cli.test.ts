import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {repoRoot, runCli} from '../helpers/run-cli.js';

const fixture = path.join(repoRoot, 'test/fixtures/rows/three-frameworks/results.jsonl');

/** Winners as `scenario/framework/candidate/rank`, parsed back out of each written form. */
function winnersFromMarkdown(markdown: string): string[] {
	return [...markdown.matchAll(/^### (\S+) — (\S+) \(rank (\d+)\): (\S+)$/gm)].map(m => `${m[1]}/${m[2]}/${m[4]}/${m[3]}`);
}

function winnersFromCsv(csv: string): string[] {
	const [header, ...lines] = csv.trim().split('\r\n');
	const columns = header!.split(',');
	const at = (cells: string[], name: string) => cells[columns.indexOf(name)]!;
	const labels: Record<string, string> = {sglang: 'SGLang', vllm: 'vLLM', tensorrt_llm: 'TensorRT-LLM'};
	return lines
		.map(line => line.split(','))
		.filter(cells => at(cells, 'winner') === 'yes')
		.map(cells => `${at(cells, 'scenario')}/${labels[at(cells, 'framework')]}/${at(cells, 'candidate_id')}/${at(cells, 'winner_rank')}`)
		.sort();
}

test('report writes the same winners in markdown, CSV and JSON', async t => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'report-cli-'));
	const out = (name: string) => path.join(dir, name);
	const result = await runCli([
		'report',
		fixture,
		'--output',
		out('summary.md'),
		'--csv',
		out('summary.csv'),
		'--json',
		out('summary.json'),
		'--html',
		out('report.html'),
	]);
	t.is(result.exitCode, 0, result.stderr);
	const [markdown, csv, json] = await Promise.all(['summary.md', 'summary.csv', 'summary.json'].map(async name => readFile(out(name), 'utf8')));
	const labels: Record<string, string> = {sglang: 'SGLang', vllm: 'vLLM', tensorrt_llm: 'TensorRT-LLM'};
	const parsed = JSON.parse(json!) as {winners: Array<{framework: string; scenario: string; candidate_id: string; rank: number}>};
	const fromJson = parsed.winners.map(w => `${w.scenario}/${labels[w.framework]}/${w.candidate_id}/${w.rank}`).sort();
	t.deepEqual(fromJson, [
		'chat/SGLang/sglang-01-chunked-prefill-size-8192/1',
		'chat/TensorRT-LLM/tensorrt_llm-01-max-batch-size-512/3',
		'chat/vLLM/vllm-01-max-num-batched-tokens-16384/2',
		'summarization/SGLang/sglang-01-chunked-prefill-size-8192/1',
		'summarization/vLLM/vllm-01-max-num-batched-tokens-16384/2',
	]);
	t.deepEqual(winnersFromMarkdown(markdown!).sort(), fromJson);
	t.deepEqual(winnersFromCsv(csv!), fromJson);
	// The whole of every winner's launch command is in the markdown, in a code block.
	t.regex(markdown!, /```bash\ntrtllm-serve serve Qwen\/Qwen3-32B --backend pytorch .* --max_batch_size 512 --host 127\.0\.0\.1 --port 8001\n```/);
	t.regex(markdown!, /## 4\. Failed Or SLA-Failing Candidates\n\nThis table is the record of tried configurations/);
	t.regex(markdown!, /\| TensorRT-LLM \| summarization \| steady \| tensorrt_llm-01-max-batch-size-512 \| timeout \|/);
	t.regex(result.stderr, /18 rows, 5 winners/);
});

test('report without --output prints the markdown to stdout, with context from manifest.json', async t => {
	const result = await runCli(['report', fixture]);
	t.is(result.exitCode, 0, result.stderr);
	t.regex(result.stdout, /^# LLM serving benchmark report/);
	t.regex(result.stdout, /Hardware: NVIDIA H100 80GB HBM3 × 4 \(GPUs 0,1,2,3\); driver 550\.127\.05/);
	t.regex(result.stdout, /\| TensorRT-LLM \| 1\.0\.0 \| — \| nvcr\.io\/nvidia\/tensorrt-llm\/release:1\.0\.0 \|/);
	t.regex(result.stdout, /Substitution: TensorRT-LLM/);
});

test('malformed rows are reported as file:line with the field, exit 1, no stack trace', async t => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'report-bad-'));
	const file = path.join(dir, 'results.jsonl');
	const good = (await readFile(fixture, 'utf8')).split('\n')[0]!;
	await writeFile(file, `${good}\n\n{"framework": "vllm"\n${good.replace('"status":"ok"', '"status":"great"')}\n`);
	const result = await runCli(['report', file]);
	t.is(result.exitCode, 1);
	t.regex(result.stderr, new RegExp(`${file.replaceAll('/', '\\/')}:3: not valid JSON`));
	t.regex(result.stderr, new RegExp(`${file.replaceAll('/', '\\/')}:4: not a result row — status: Invalid`));
	t.notRegex(result.stderr, /at .*\.ts:\d+/);
});

test('report with no files is a usage error (exit 2)', async t => {
	const result = await runCli(['report']);
	t.is(result.exitCode, 2);
	t.regex(result.stderr, /give at least one ROWS\.jsonl/);
});
