import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {loadPlan} from '../../source/config/load-plan.js';
import {readJsonl} from '../../source/engine/artifacts.js';
import {startSession} from '../../source/engine/start-session.js';
import type {EngineEvent} from '../../source/events.js';
import {parseHelp} from '../../source/plan/help/parse-help.js';
import {generateCandidates} from '../../source/plan/generate-candidates.js';
import {withHostPort} from '../../source/plan/render-argv.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {alive, runInputs, simRecipe, simServerPids, tempDir} from '../engine/sim-fixture.js';
import {runCli} from '../helpers/run-cli.js';

const fixtures = 'test/fixtures/openai-compatible';

/** A TGI-style section: its own command, model/host options and readiness path. */
function plan(section: string, extra = ''): string {
	return `model: {name: Qwen/Qwen3-8B}
hardware: {gpu_count: 1}
dataset: {kind: random, num_prompts: 6, scenario_names: [chat], input_len: [128], output_len: [32]}
benchmark: {endpoint: /v1/completions, request_rates: [2]}
sla: {max_p99_ttft_ms: 5000, max_p99_tpot_ms: 200, min_success_rate: 0.9}
search: {max_candidates_per_framework: 2}
frameworks:
  openai_compatible:
${section.replaceAll(/^/gm, '    ')}
${extra}`;
}

const tgi = `server_command: text-generation-launcher
model_flag: --model-id
host_flag: --hostname
ready_path: /health
base_server_flags: {max_total_tokens: 4096}
search_space: {max_concurrent_requests: [64]}`;

function writeTemp(prefix: string, name: string, text: string): string {
	const dir = tempDir(prefix);
	const file = path.join(dir, name);
	fs.writeFileSync(file, text);
	return file;
}

test('a TGI section loads: its command, model option and host option shape every candidate', async t => {
	const {plan: loaded, issues} = await loadPlan(writeTemp('oc-load', 'plan.yaml', plan(tgi)));
	t.deepEqual(
		issues.filter(issue => issue.severity === 'error'),
		[],
	);
	const framework = loaded!.frameworks[0]!;
	t.is(framework.name, 'openai_compatible');
	t.deepEqual(framework.settings, {ready_path: '/health', model_flag: '--model-id', host_flag: '--hostname'});
	const {candidates} = generateCandidates(loaded!, framework);
	t.deepEqual(
		candidates.map(candidate => candidate.argv),
		[
			['text-generation-launcher', '--model-id', 'Qwen/Qwen3-8B', '--max-total-tokens', '4096'],
			['text-generation-launcher', '--model-id', 'Qwen/Qwen3-8B', '--max-total-tokens', '4096', '--max-concurrent-requests', '64'],
		],
	);
	t.deepEqual(withHostPort(candidates[0]!.argv, framework, '127.0.0.1', 8080).slice(-4), ['--hostname', '127.0.0.1', '--port', '8080']);
});

test('bad openai_compatible sections are refused at their YAML path with what to do', async t => {
	const messages = async (section: string) =>
		(await loadPlan(writeTemp('oc-bad', 'plan.yaml', plan(section)))).issues.map(issue => `${issue.path}: ${issue.message}`);
	t.true(
		(await messages('base_server_flags: {max_total_tokens: 4096}')).some(m =>
			/^frameworks\.openai_compatible\.server_command: is required: this framework has no standard server command/.test(m),
		),
	);
	t.true((await messages(tgi.replace('ready_path: /health', 'ready_path: health'))).some(m => /ready_path: must be a path starting with '\/'/.test(m)));
	t.true((await messages(`${tgi}\nready_log: "([unclosed"`)).some(m => /ready_log: is not a regular expression/.test(m)));
	t.true((await messages(`${tgi}\nhelp_comand: x --help`)).some(m => /unknown key 'help_comand' \(did you mean 'help_command'\?\)/.test(m)));
	t.true(
		(await messages(tgi.replace('model_flag: --model-id', 'model_flag: model-id'))).some(m => /model_flag: must be an option as the server spells it/.test(m)),
	);
});

test('the help dialect reads clap (TGI) and flush-left (llama-server) option rows', t => {
	const tgiHelp = parseHelp('openai_compatible', fs.readFileSync(`${fixtures}/openai_compatible_tgi_help.txt`, 'utf8'));
	t.like(tgiHelp.flags.get('--model-id'), {takesValue: true});
	t.like(tgiHelp.flags.get('--trust-remote-code'), {takesValue: false});
	t.truthy(tgiHelp.flags.get('-p'));
	t.is(tgiHelp.flags.get('--bigscience'), undefined);
	const llama = parseHelp('openai_compatible', fs.readFileSync(`${fixtures}/openai_compatible_llama_server_help.txt`, 'utf8'));
	t.like(llama.flags.get('--ctx-size'), {takesValue: true});
	t.like(llama.flags.get('-c'), {takesValue: true});
	t.like(llama.flags.get('--flash-attn'), {takesValue: false});
	t.truthy(llama.flags.get('--n-predict'));
	t.truthy(llama.flags.get('--parallel'));
	t.is(llama.flags.get('--model-url'), undefined, 'a flag named in a description is not accepted');
});

test('validate and plan: without help the flags are said to be unvalidated; with a capture a typo is caught', async t => {
	const file = writeTemp('oc-validate', 'plan.yaml', plan(`${tgi.replace('max_concurrent_requests', 'max_concurent_requests')}`));
	const plain = await runCli(['validate', file]);
	t.is(plain.exitCode, 0, plain.stdout + plain.stderr);
	t.regex(plain.stdout, /frameworks\.openai_compatible: warning: flags are NOT validated: no captured help/);
	const helpDir = path.join(path.dirname(file), 'help');
	fs.mkdirSync(helpDir);
	fs.copyFileSync(`${fixtures}/openai_compatible_tgi_help.txt`, path.join(helpDir, 'openai_compatible_tgi_help.txt'));
	const checked = await runCli(['plan', file, '--help-dir', helpDir, '--format', 'json']);
	t.regex(checked.stderr, /search_space\.max_concurent_requests: --max-concurent-requests is not accepted/);
	const report = JSON.parse(checked.stdout) as {
		frameworks: Record<string, {candidates: Array<{id: string; command: string}>; rejected: Array<{id: string; reason: string}>}>;
	};
	const section = report.frameworks.openai_compatible!;
	t.deepEqual(
		section.candidates.map(c => c.command),
		['text-generation-launcher --model-id Qwen/Qwen3-8B --max-total-tokens 4096'],
	);
	t.regex(
		section.rejected[0]!.reason,
		/--max-concurent-requests is not accepted by the OpenAI-compatible server .*nearest accepted: --max-concurrent-requests/,
	);
});

const simSection = (extra: string) => `server_command: vllm serve Qwen/Qwen3-8B
ready_path: /health
version_command: vllm --version
base_server_flags: {max_model_len: 4096}
${extra}`;

const deps = {env: process.env, gpuPollMs: 4000, stopGraceMs: 2000};

test.serial('a run on the simulated box: help captured through help_command, flags checked, rows measured', async t => {
	const dir = tempDir('oc-run');
	const planFile = path.join(dir, 'plan.yaml');
	fs.writeFileSync(planFile, plan(simSection('help_command: vllm serve --help=all\nsearch_space: {max_num_seq: [8]}')));
	const session = startSession({...(await runInputs(planFile, simRecipe(), path.join(dir, 'runs'))), deps});
	const {runDir, exitCode} = await session.done;
	t.is(exitCode, 0);
	const checks = session.history.filter((e): e is Extract<EngineEvent, {type: 'preflight-check'}> => e.type === 'preflight-check');
	const help = checks.find(check => check.id === 'help-openai_compatible' && check.status !== 'running');
	t.is(help?.status, 'warning', JSON.stringify(help));
	t.regex(help?.detail ?? '', /1\/2 candidates pass the flag check; skipped: openai_compatible-01-/);
	t.regex(checks.find(check => check.id === 'version-openai_compatible' && check.status === 'passed')?.detail ?? '', /^\d+\.\d+/);
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	const measured = rows.filter(row => row.candidate_id === 'openai_compatible-00-baseline' && row.workload.load_mode === 'single');
	t.is(measured.length, 1);
	t.is(measured[0]!.status, 'ok');
	t.is(measured[0]!.framework, 'openai_compatible');
	t.regex(measured[0]!.server_command ?? '', /^vllm serve Qwen\/Qwen3-8B --max-model-len 4096 --host 127\.0\.0\.1 --port \d+$/);
	t.true(fs.existsSync(path.join(runDir, 'help', 'openai_compatible_serve_all.txt')));
	const skipped = rows.find(row => row.candidate_id.startsWith('openai_compatible-01-'));
	t.regex(skipped?.failure_reason ?? '', /--max-num-seq is not accepted/);
	t.deepEqual(
		simServerPids(runDir).filter(pid => alive(pid)),
		[],
	);
});

test.serial("without help_command the run says the flags are not validated, and a typo fails at launch with the server's line", async t => {
	const dir = tempDir('oc-nohelp');
	const planFile = path.join(dir, 'plan.yaml');
	fs.writeFileSync(planFile, plan(simSection('search_space: {max_num_seq: [8]}')));
	const session = startSession({...(await runInputs(planFile, simRecipe(), path.join(dir, 'runs'))), deps});
	const {runDir} = await session.done;
	const help = session.history.find(
		(e): e is Extract<EngineEvent, {type: 'preflight-check'}> => e.type === 'preflight-check' && e.id === 'help-openai_compatible' && e.status !== 'running',
	);
	t.is(help?.status, 'warning');
	t.regex(help?.detail ?? '', /flags are NOT validated before launch/);
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	t.true(rows.some(row => row.candidate_id === 'openai_compatible-00-baseline' && row.status === 'ok'));
	const typo = rows.find(row => row.candidate_id.startsWith('openai_compatible-01-'));
	t.is(typo?.status, 'failed');
	t.regex(typo?.failure_reason ?? '', /unknown flag .*unrecognized arguments: --max-num-seq/);
	t.deepEqual(
		simServerPids(runDir).filter(pid => alive(pid)),
		[],
	);
});
