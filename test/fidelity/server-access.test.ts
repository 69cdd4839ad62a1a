import fs from 'node:fs';
import path from 'node:path';
import {inspect} from 'node:util';
import test from 'ava';
import {readJsonl} from '../../source/engine/artifacts.js';
import {type SecretValue, connectHostFor, serverAccess} from '../../source/engine/server-access.js';
import {startSession} from '../../source/engine/start-session.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {filesUnder, runInputs, simRecipe, tempDir, writePlan} from '../engine/sim-fixture.js';
import {freePort, launch, simEnv, stop, waitReady} from '../sim/sim-helpers.js';

/** Finding 9: port, served_model_name and api_key in the flags are how the client must reach the server. */

const key = 'sk-fidelity-Secret-9f8e7d6c5b4a';

function plan(framework: 'vllm' | 'sglang', flags: string): string {
	return `model:
  name: Qwen/Qwen3-8B
hardware:
  gpu_model: H100-80GB
  gpu_count: 1
dataset:
  kind: random
  num_prompts: 6
  scenario_names: [chat]
  input_len: [64]
  output_len: [8]
benchmark:
  endpoint: /v1/chat/completions
  max_concurrency: [null]
  request_rates: [inf]
sla:
  max_p99_ttft_ms: 60000
  max_p99_tpot_ms: 10000
  min_success_rate: 0.9
search:
  max_candidates_per_framework: 1
frameworks:
  ${framework}:
    enabled: true
    base_server_flags:
${flags}`;
}

for (const framework of ['vllm', 'sglang'] as const) {
	test.serial(`${framework}: a run with port, served_model_name and api_key in base_server_flags succeeds, and the key is in no file or event`, async t => {
		const dir = tempDir(`access-${framework}`);
		const port = await freePort();
		const limit = framework === 'vllm' ? 'max_model_len: 4096' : 'context_length: 4096';
		const flags = `      ${limit}\n      port: ${port}\n      served_model_name: bench-model\n      api_key: ${key}\n`;
		const session = startSession({
			...(await runInputs(writePlan(dir, plan(framework, flags)), simRecipe(), path.join(dir, 'runs'))),
			deps: {env: process.env, gpuPollMs: 60_000, stopGraceMs: 2000},
		});
		let runDir = '';
		session.subscribe(event => {
			if (event.type === 'run-started') runDir = event.runDir;
		});
		const {exitCode} = await session.done;
		t.is(exitCode, 0);
		const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
		t.true(rows.length >= 2);
		for (const row of rows) t.is(row.status, 'ok', `${row.workload.load_mode}: ${row.failure_reason}`);
		t.true(
			rows.every(row => row.metrics?.failed === 0),
			'every request authorised and for the served model',
		);
		for (const file of filesUnder(runDir)) t.false(fs.readFileSync(file, 'utf8').includes(key), `key in ${path.relative(runDir, file)}`);
		t.false(JSON.stringify(session.history).includes(key), 'key in an event');
	});
}

test('simulated servers enforce --api-key like the real ones: vLLM guards /v1 only, SGLang all but /health and /metrics', async t => {
	const env = simEnv({gpu_model: 'H100-80GB', gpu_count: 1, time_scale: 0.05});
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const server = launch(
		'python',
		[
			'-m',
			'sglang.launch_server',
			'--model-path',
			'Qwen/Qwen3-8B',
			'--context-length',
			'4096',
			'--api-key',
			key,
			'--host',
			'127.0.0.1',
			'--port',
			String(port),
		],
		env,
	);
	try {
		await waitReady(base, server);
		t.is((await fetch(`${base}/v1/models`)).status, 401);
		t.is((await fetch(`${base}/model_info`)).status, 401);
		t.is((await fetch(`${base}/v1/models`, {headers: {authorization: `Bearer ${key}`}})).status, 200);
		t.deepEqual(await (await fetch(`${base}/v1/models`, {headers: {authorization: 'Bearer wrong'}})).json(), {error: 'Unauthorized'});
	} finally {
		await stop(server);
	}
});

test('the key is held so that printing it prints the redaction mark; where the client connects', t => {
	const access = serverAccess({port: 8123, host: '0.0.0.0', served_model_name: ['a', 'b'], api_key: key});
	t.is(access.port, 8123);
	t.is(access.servedModel, 'a', 'the first served name');
	t.is(access.apiKey?.reveal(), key);
	for (const printed of [String(access.apiKey), JSON.stringify(access), inspect(access), `${access.apiKey as SecretValue}`])
		t.false(printed.includes(key), printed);
	t.is(connectHostFor(access, '127.0.0.1'), '127.0.0.1');
	t.is(connectHostFor(serverAccess({host: '10.1.2.3'}), '127.0.0.1'), '10.1.2.3');
	t.deepEqual(serverAccess({}), {port: null, host: null, servedModel: null, apiKey: null});
});
