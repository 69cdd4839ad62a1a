import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import * as v from 'valibot';
import {EngineEventSchema} from '../../source/remote/event-schema.js';
import {startSession} from '../../source/engine/start-session.js';
import {readJsonl} from '../../source/engine/artifacts.js';
import type {EngineEvent} from '../../source/events.js';
import {rowKey, type ResultRow} from '../../source/results/result-row.js';
import {alive, filesUnder, runInputs, simRecipe, simServerPids, smallPlan, tempDir, writePlan} from './sim-fixture.js';

const canary = 'hf_CanaryToken0123456789abcdefXYZ';
const deps = {env: {...process.env, HF_TOKEN: canary}, gpuPollMs: 4000, stopGraceMs: 2000};

test.serial('a small plan on the simulated box: smoke, steady and burst rows, report, no secret anywhere', async t => {
	const dir = tempDir('session');
	const session = startSession({...(await runInputs(writePlan(dir, smallPlan(), canary), simRecipe(), path.join(dir, 'runs'))), deps});
	const {runDir, exitCode} = await session.done;
	t.is(exitCode, 0);
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	t.deepEqual(rows.map(row => rowKey(row)).sort(), [
		'vllm|vllm-00-baseline|chat|none|burst',
		'vllm|vllm-00-baseline|chat|none|smoke',
		'vllm|vllm-00-baseline|chat|none|steady',
		'vllm|vllm-01-max-num-seqs-32|chat|none|burst',
		'vllm|vllm-01-max-num-seqs-32|chat|none|steady',
	]);
	const steady = rows.find(row => row.workload.load_mode === 'steady')!;
	t.is(steady.status, 'ok');
	t.true((steady.qps_rounds?.length ?? 0) >= 1);
	t.truthy(steady.server_command?.includes('--max-model-len 4096'));
	t.is(steady.normalization?.same_workload_hash, true);
	t.truthy(steady.artifacts?.server_help);
	for (const name of [
		'plan.yaml',
		'manifest.json',
		'events.jsonl',
		'summary.md',
		'workload/chat.jsonl',
		'vllm/vllm-00-baseline/server.log',
		'vllm/vllm-00-baseline/server_command.txt',
	]) {
		t.true(fs.existsSync(path.join(runDir, name)), name);
	}

	// The manifest travels as an event, equal to the file, and passes the ws boundary's schema.
	const written = session.history.find(e => e.type === 'manifest-written');
	t.truthy(written);
	t.deepEqual(
		JSON.parse(JSON.stringify(written?.type === 'manifest-written' ? written.manifest : null)),
		JSON.parse(fs.readFileSync(path.join(runDir, 'manifest.json'), 'utf8')),
	);
	t.true(v.safeParse(EngineEventSchema, written).success);
	const types = new Set(session.history.map(e => e.type));
	for (const type of [
		'preflight-check',
		'plan-ready',
		'candidate-started',
		'server-phase',
		'bench-progress',
		'qps-round-finished',
		'row-recorded',
		'run-finished',
	] as const)
		t.true(types.has(type), type);
	for (const file of filesUnder(runDir)) t.false(fs.readFileSync(file, 'utf8').includes(canary), `canary in ${path.relative(runDir, file)}`);
	t.true(fs.readFileSync(path.join(runDir, 'plan.yaml'), 'utf8').includes('[REDACTED]'));
	t.deepEqual(
		simServerPids(runDir).filter(pid => alive(pid)),
		[],
	);
});

test.serial('a busy requested GPU stops preflight with the GPU id and the process holding it', async t => {
	const dir = tempDir('busy');
	const session = startSession({
		...(await runInputs(
			writePlan(dir, smallPlan()),
			simRecipe({busy_gpus: [{index: 0, pid: 31337, process: 'python3', used_memory_mib: 40000}]}),
			path.join(dir, 'runs'),
		)),
		deps,
	});
	const {exitCode} = await session.done;
	t.is(exitCode, 1);
	const failed = session.history.find((e): e is Extract<EngineEvent, {type: 'preflight-check'}> => e.type === 'preflight-check' && e.status === 'failed');
	t.is(failed?.id, 'gpus');
	t.regex(failed?.detail ?? '', /GPU 0 is busy: held by pid 31337 \(python3/);
	t.false(session.history.some(e => e.type === 'candidate-started'));
});

test.serial('abort mid-run stops every server and records unfinished candidates as skipped', async t => {
	const dir = tempDir('abort');
	const session = startSession({...(await runInputs(writePlan(dir, smallPlan()), simRecipe(), path.join(dir, 'runs'))), deps});
	let runDir = '';
	const seen = new Set<number>();
	session.subscribe(event => {
		if (event.type === 'run-started') runDir = event.runDir;
		if (event.type === 'bench-started') for (const pid of simServerPids(runDir)) seen.add(pid);
		if (event.type === 'bench-started' && event.round === 1) session.abort('test abort');
	});
	const result = await session.done;
	t.is(result.exitCode, 130, 'an aborted run never exits 0');
	t.true(seen.size > 0, 'a server was running when the abort came');
	t.deepEqual(
		[...seen, ...simServerPids(runDir)].filter(pid => alive(pid)),
		[],
	);
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	const skipped = rows.filter(row => row.status === 'skipped');
	t.true(skipped.some(row => row.candidate_id === 'vllm-00-baseline'));
	t.true(skipped.some(row => row.candidate_id === 'vllm-01-max-num-seqs-32'));
	t.true(skipped.every(row => row.failure_reason?.includes('test abort')));
	t.true(
		skipped.every(row => row.cause?.kind === 'run-aborted'),
		'the cause is data, not a text prefix',
	);
	t.true(session.history.some(e => e.type === 'run-aborted'));
	t.true(fs.existsSync(path.join(runDir, 'summary.md')));
});

test.serial('benchmark.request_rates: one row per listed rate, resume-exact keys; SGLang gets --enable-metrics from its help', async t => {
	const dir = tempDir('rates');
	const plan = `model:
  name: Qwen/Qwen3-8B
hardware:
  gpu_model: H100-80GB
  gpu_count: 1
dataset:
  kind: random
  num_prompts: 6
  scenario_names: [chat]
  input_len: [128]
  output_len: [32]
benchmark:
  endpoint: /v1/completions
  max_concurrency: [null]
  request_rates: [2, 4, inf]
sla:
  max_p99_ttft_ms: 5000
  max_p99_tpot_ms: 200
  min_success_rate: 0.9
search:
  max_candidates_per_framework: 2
frameworks:
  sglang:
    enabled: true
    base_server_flags:
      context_length: 4096
    search_space:
      enable_metrics: [false]
`;
	const session = startSession({...(await runInputs(writePlan(dir, plan), simRecipe(), path.join(dir, 'runs'))), deps});
	const {runDir, exitCode} = await session.done;
	t.is(exitCode, 0);
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	const measured = rows.filter(row => row.workload.load_mode !== 'smoke');
	t.deepEqual(measured.map(row => rowKey(row)).sort(), [
		'sglang|sglang-00-baseline|chat|none|burst',
		'sglang|sglang-00-baseline|chat|none|single@2',
		'sglang|sglang-00-baseline|chat|none|single@4',
		'sglang|sglang-01-no-enable-metrics|chat|none|burst',
		'sglang|sglang-01-no-enable-metrics|chat|none|single@2',
		'sglang|sglang-01-no-enable-metrics|chat|none|single@4',
	]);
	t.false(
		session.history.some(e => e.type === 'qps-round-finished'),
		'a fixed list of rates runs no search',
	);
	for (const row of measured.filter(r => r.workload.load_mode === 'single')) {
		t.is(row.status, 'ok');
		t.is(typeof row.workload.request_rate, 'number');
		t.true((row.metrics?.offered_request_rate ?? 0) > 0, 'the offered rate is recorded beside the target');
	}
	t.is(measured.find(row => row.workload.load_mode === 'burst')?.metrics?.offered_request_rate, null);

	// Added when the captured help accepts it and the candidate does not set it; recorded in the command.
	const baseline = measured.find(row => row.candidate_id === 'sglang-00-baseline')!;
	t.regex(baseline.server_command ?? '', / --enable-metrics\b/);
	t.true(baseline.validated_cli_flags?.server?.includes('--enable-metrics'));
	const off = measured.find(row => row.candidate_id === 'sglang-01-no-enable-metrics')!;
	t.notRegex(off.server_command ?? '', /--enable-metrics/);

	// docs/artifacts.md manifest: per framework version, where it ran, GPUs, driver, help files, accepted flags.
	const manifest = JSON.parse(fs.readFileSync(path.join(runDir, 'manifest.json'), 'utf8')) as {frameworks: Record<string, Record<string, unknown>>};
	const sglang = manifest.frameworks.sglang!;
	t.truthy(sglang.version);
	t.is(sglang.visible_devices, '0');
	t.truthy(sglang.driver_version);
	t.is(sglang.recipe_kind, 'simulated');
	t.true(fs.existsSync(path.join(runDir, String(sglang.server_help))));
	t.deepEqual(sglang.extra_launch_flags, {enable_metrics: true});
	t.true((sglang.accepted_flags as Record<string, string[]>)['sglang-00-baseline']!.includes('--enable-metrics'));
});
