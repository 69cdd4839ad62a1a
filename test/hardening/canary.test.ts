import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import WebSocket from 'ws';
import {createExecutor} from '../../source/executors/create-executor.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import {shellQuote} from '../../source/plan/render-argv.js';
import {cliPath, repoRoot, runCli} from '../helpers/run-cli.js';
import {filesUnder, simBin, smallPlan, tempDir} from '../engine/sim-fixture.js';

/**
 * One secret planted in every place a secret can be written — the environment (HF_TOKEN), a plan
 * flag whose name says secret (hf_token), a password inside a URL flag value, a recipe `env:` entry —
 * and looked for in every file of the run, every printed line and every ws message.
 */
const canaries = {
	env: 'CanaryEnv0123456789xyz',
	flag: 'CanaryFlag0123456789xyz',
	url: 'CanaryUrl0123456789xyz',
	recipe: 'CanaryRecipe0123456789xyz',
};

function hits(text: string): string[] {
	return Object.entries(canaries)
		.filter(([, value]) => text.includes(value))
		.map(([where]) => where);
}

test('a run through the real CLI: no canary in any file, printed line or ws message', async t => {
	const dir = tempDir('canary');
	const plan = smallPlan().replace(
		'      max_model_len: 4096',
		`      max_model_len: 4096\n      hf_token: ${canaries.flag}\n      otlp_traces_endpoint: http://collector:${canaries.url}@127.0.0.1:4317`,
	);
	fs.writeFileSync(path.join(dir, 'plan.yaml'), plan);
	// startup_wall_s: the first server loads for a while, long enough for the viewer to connect.
	fs.writeFileSync(
		path.join(dir, 'sim.yaml'),
		JSON.stringify({
			kind: 'simulated',
			path_prepend: [simBin],
			env: {LLM_BENCH_CANARY_TOKEN: canaries.recipe},
			world: {gpu_model: 'H100-80GB', gpu_count: 2, time_scale: 0.02, startup_wall_s: 1.5, seed: 1},
		}),
	);
	const child = spawn(
		process.execPath,
		[
			cliPath,
			'run',
			path.join(dir, 'plan.yaml'),
			'--recipe',
			path.join(dir, 'sim.yaml'),
			'--output-dir',
			path.join(dir, 'runs'),
			'--headless',
			'--yes',
			'--serve-ws',
			'127.0.0.1:0',
		],
		{cwd: repoRoot, env: {...process.env, HF_TOKEN: canaries.env}, stdio: ['ignore', 'pipe', 'pipe']},
	);
	let stdout = '';
	let stderr = '';
	const messages: string[] = [];
	let connected: Promise<void> | null = null;
	child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
	child.stderr.setEncoding('utf8').on('data', (d: string) => {
		stderr += d;
		const url = /serving (ws:\/\/\S+)/.exec(stderr)?.[1];
		if (url && !connected) {
			connected = new Promise(resolve => {
				const socket = new WebSocket(url);
				socket.on('message', raw => messages.push(String(raw)));
				socket.on('close', () => resolve());
				socket.on('error', () => resolve());
			});
		}
	});
	const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearTimeout(timer);
	await connected;
	t.is(code, 0, stderr);
	t.true(
		messages.some(m => m.includes('"row-recorded"')),
		'the viewer saw the run',
	);
	const runDir = path.join(dir, 'runs', fs.readdirSync(path.join(dir, 'runs'))[0]!);
	const found: string[] = [];
	for (const file of filesUnder(runDir)) for (const where of hits(fs.readFileSync(file, 'utf8'))) found.push(`${where} in ${path.relative(runDir, file)}`);
	for (const where of hits(stdout)) found.push(`${where} on stdout`);
	for (const where of hits(stderr)) found.push(`${where} on stderr`);
	for (const message of messages) for (const where of hits(message)) found.push(`${where} in a ws message`);
	t.deepEqual([...new Set(found)], []);
	// The redaction is by name and shape, not a blanket: the rest of the command line stays readable.
	const command = fs.readFileSync(path.join(runDir, 'vllm/vllm-00-baseline/server_command.txt'), 'utf8');
	t.regex(command, /--hf-token '?\[REDACTED\]/);
	t.regex(command, /--otlp-traces-endpoint '?http:\/\/\[REDACTED\]@127\.0\.0\.1:4317/);
	t.regex(command, /--max-model-len 4096/);
	const row = JSON.parse(fs.readFileSync(path.join(runDir, 'results.jsonl'), 'utf8').split('\n')[0]!) as {flags: Record<string, unknown>};
	t.is(row.flags.hf_token, '[REDACTED]');
	t.is(row.flags.max_model_len, 4096);
	// validate and plan print commands: the same masks.
	for (const args of [
		['validate', path.join(dir, 'plan.yaml'), '--print-commands'],
		['plan', path.join(dir, 'plan.yaml'), '--format', 'json'],
	]) {
		const printed = await runCli(args, {env: {HF_TOKEN: canaries.env}});
		t.deepEqual(hits(printed.stdout + printed.stderr), [], args[0]);
	}
});

test('recipe env reaches a container by name only: -e NAME, never -e NAME=value on docker or ssh argv', t => {
	const spec = {argv: ['vllm', 'serve', 'm'], name: 'llm-bench-run-vllm-00', gpuIds: [0], framework: 'vllm' as const};
	const docker = createExecutor(
		parseRecipe({kind: 'docker', image: 'vllm/vllm-openai:v0.33.0', env: {MY_TOKEN: canaries.recipe, VLLM_LOGGING_LEVEL: 'DEBUG'}}, null),
		{env: {}},
	);
	const argv = docker.describeLaunch(spec);
	t.deepEqual(hits(shellQuote(argv)), []);
	t.true(shellQuote(argv).includes('-e MY_TOKEN -e VLLM_LOGGING_LEVEL'));
	const exec = createExecutor(parseRecipe({kind: 'docker-exec', container: 'c', env: {MY_TOKEN: canaries.recipe}}, null), {env: {}});
	t.deepEqual(hits(shellQuote(exec.describeLaunch(spec))), []);
	const ssh = createExecutor(parseRecipe({kind: 'ssh', host: 'gpu-box', env: {MY_TOKEN: canaries.recipe, LLM_X: '1'}}, null), {env: {}});
	const sshArgv = ssh.describeLaunch(spec);
	t.deepEqual(hits(shellQuote(sshArgv)), []);
	t.true(sshArgv.includes('SendEnv=MY_TOKEN'));
	// An ordinary name crosses on the remote shell's stdin, by name on the command line: no value in `ps`.
	t.false(sshArgv.at(-1)!.includes('LLM_X=1'), sshArgv.at(-1));
	t.true(sshArgv.at(-1)!.startsWith(`sh -c 'eval "$(cat)" && exec "$@"' sh `), sshArgv.at(-1));
});

test('bench: a password in --base-url is sent as basic auth but printed and written nowhere', async t => {
	const dir = tempDir('canary-bench');
	const out = path.join(dir, 'out.json');
	const details = path.join(dir, 'details.jsonl');
	// Port 9 (discard) on loopback refuses: every request fails, which bench reports with exit 1.
	const result = await runCli([
		'bench',
		'--base-url',
		`http://user:${canaries.url}@127.0.0.1:9`,
		'--model',
		'm',
		'--num-prompts',
		'2',
		'--warmup',
		'0',
		'--input-len',
		'8',
		'--output-len',
		'4',
		'--output-file',
		out,
		'--output-details',
		details,
	]);
	t.is(result.exitCode, 1, result.stderr);
	t.regex(result.stderr, /every request failed/);
	t.deepEqual(hits(result.stdout + result.stderr + fs.readFileSync(out, 'utf8') + fs.readFileSync(details, 'utf8')), []);
	t.true(fs.readFileSync(out, 'utf8').includes('http://[REDACTED]@127.0.0.1:9'));
});
