import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {readJsonl} from '../../source/engine/artifacts.js';
import {deployCommand, nativeCommandNote} from '../../source/engine/honest-commands.js';
import {startSession} from '../../source/engine/start-session.js';
import {frameworkAdapter} from '../../source/frameworks/registry.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {runInputs, simRecipe, smallPlan, tempDir, writePlan} from '../engine/sim-fixture.js';

/** Finding 10: the commands say what produced the figures and what an operator would paste. */

test("the deployment command has the candidate's flags only; the run's host/port and injected flags are called out", t => {
	const deploy = deployCommand(['vllm', 'serve', 'Qwen/Qwen3-8B', '--max-num-seqs', '32'], {
		gpuIds: [5, 6],
		host: '127.0.0.1',
		port: 41234,
		injected: ['--enable-metrics'],
	});
	t.is(deploy.command, 'CUDA_VISIBLE_DEVICES=5,6 CUDA_DEVICE_ORDER=PCI_BUS_ID vllm serve Qwen/Qwen3-8B --max-num-seqs 32');
	t.regex(deploy.runSpecific, /--host 127\.0\.0\.1 --port 41234 \(chosen by this run/);
	t.regex(deploy.runSpecific, /--enable-metrics \(added by llm-bench-tui/);
	t.regex(deployCommand(['x'], {gpuIds: [0], host: null, port: null, injected: []}).runSpecific, /nothing run-specific/);
	const text = {file: 'workload/chat.jsonl', rows: [{prompt: 'hello', output_len: 8}]};
	const ids = {file: 'workload/chat.jsonl', rows: [{prompt: [1, 2, 3], output_len: 8}]};
	const vllm = {name: 'vllm', label: 'vLLM'};
	t.regex(
		nativeCommandNote(vllm, frameworkAdapter('vllm').nativeBench, text, '/v1/completions', 'r.json'),
		/equivalent reproduction.*reads the same prompts and output lengths from workload\/native\/vllm-chat\.jsonl, written from workload\/chat\.jsonl.*writes r\.json when run/,
	);
	t.regex(
		nativeCommandNote(vllm, frameworkAdapter('vllm').nativeBench, ids, '/v1/completions', 'r.json'),
		/draws its own random prompts of the same lengths, because .*token ids.*\(the measured prompts are in workload\/chat\.jsonl\)/,
	);
	t.regex(
		nativeCommandNote({name: 'sglang', label: 'SGLang'}, frameworkAdapter('sglang').nativeBench, text, '/v1/completions', 'r.jsonl'),
		/reads the same workload file \(workload\/chat\.jsonl\)/,
	);
});

test("a run's rows and server_command.txt carry the deployment command and the notes; no command names a native.jsonl", async t => {
	const dir = tempDir('honest');
	const session = startSession({
		...(await runInputs(writePlan(dir, smallPlan()), simRecipe(), path.join(dir, 'runs'))),
		deps: {env: process.env, gpuPollMs: 60_000, stopGraceMs: 2000},
	});
	const {runDir, exitCode} = await session.done;
	t.is(exitCode, 0);
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl')).filter(row => row.workload.load_mode !== 'smoke');
	const row = rows.find(r => r.candidate_id === 'vllm-00-baseline')!;
	t.truthy(row.deploy_command);
	t.notRegex(row.deploy_command!, /--port|--host/, 'no ephemeral host/port');
	t.regex(row.server_command!, /--port \d+/, 'the launched command stays exact');
	t.regex(row.commands_note ?? '', /run-specific in the launched command: --host 127\.0\.0\.1 --port \d+/);
	t.regex(row.commands_note ?? '', /equivalent reproduction with vLLM's own client/);
	t.regex(row.benchmark_command ?? '', /native-cnone-r[\w.]+\.json\b/);
	// vllm bench serve reads the run's own prompts: a custom dataset written from the canonical workload.
	const datasetPath = /--dataset-path (\S+)/.exec(row.benchmark_command ?? '')?.[1] ?? '';
	t.regex(row.benchmark_command ?? '', /--dataset-name custom --dataset-path \S+\/workload\/native\/vllm-chat\.jsonl --custom-output-len 32 /);
	const canonical = readJsonl<{prompt: string}>(path.join(runDir, 'workload', 'chat.jsonl'));
	t.deepEqual(
		readJsonl<{prompt: string}>(datasetPath).map(line => line.prompt),
		canonical.map(line => line.prompt),
	);
	t.false(rows.some(r => (r.benchmark_command ?? '').includes('native.jsonl')));
	const text = fs.readFileSync(path.join(runDir, 'vllm', 'vllm-00-baseline', 'server_command.txt'), 'utf8');
	t.true(text.startsWith('# deployment command'));
	t.true(text.includes(row.deploy_command!));
	t.regex(fs.readFileSync(path.join(runDir, 'summary.md'), 'utf8'), /Deploy \(the command to paste\):\n\n```[a-z]*\nCUDA_VISIBLE_DEVICES=0 /);
});
