import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {readJsonl} from '../../source/engine/artifacts.js';
import {startSession} from '../../source/engine/start-session.js';
import {createExecutor} from '../../source/executors/create-executor.js';
import {dockerRunOnceArgv} from '../../source/executors/docker-argv.js';
import {entrypointArgs} from '../../source/frameworks/container-facts.js';
import {versionFromOutput} from '../../source/frameworks/version-output.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import type {ResultRow} from '../../source/results/result-row.js';
import {runInputs, simBin, tempDir, writePlan} from '../engine/sim-fixture.js';
import {runCommand, simEnv} from '../sim/sim-helpers.js';

/** Finding 3: docker help/version commands run like the launch; versions are the frameworks' own. */

const realDir = new URL('../fixtures/real/version/', import.meta.url);
const images = {vllm: 'vllm/vllm-openai:v0.11.0', sglang: 'lmsysorg/sglang:v0.5.5', tensorrt_llm: 'nvcr.io/nvidia/tensorrt-llm/release:1.0.0'};

test('versions come from the last bare version line, not from a banner (real outputs)', t => {
	const expected: Record<string, string> = {
		'sglang-docker-version.stdout.txt': '0.5.5',
		'trtllm-docker-version.stdout.txt': '1.0.0',
		'vllm-devbuild-version.stdout.txt': '0.11.1.dev123+g1a2b3c4d5',
		'vllm-local-version.stdout.txt': '0.11.0',
		'vllm-noplatform-version.stdout.txt': '0.8.4',
	};
	for (const [file, version] of Object.entries(expected)) t.is(versionFromOutput(fs.readFileSync(new URL(file, realDir), 'utf8')), version, file);
	t.is(versionFromOutput('1.1.0rc3\n'), '1.1.0rc3');
	t.is(versionFromOutput('CUDA Version 12.9.1\n'), null, 'a banner line is not a bare version');
});

test('simulated docker honours image entrypoints: vllm/vllm-openai prepends `vllm serve`, NVIDIA images print their banner, no --gpus means no libcuda', async t => {
	const env = simEnv({gpu_count: 2});
	const doubled = await runCommand('docker', ['run', '--rm', images.vllm, 'vllm', '--version'], env);
	t.not(doubled.code, 0, 'runs `vllm serve vllm --version`');
	t.regex(doubled.stderr, /vllm serve: error: unrecognized arguments: --version/);
	const cleared = await runCommand('docker', ['run', '--rm', '--entrypoint', '', images.vllm, 'vllm', '--version'], env);
	t.is(cleared.stdout, '0.33.0\n');
	const sglang = await runCommand('docker', ['run', '--rm', '--gpus', 'all', images.sglang, 'python3', '-c', 'import sglang; print(sglang.__version__)'], env);
	t.regex(sglang.stdout, /== CUDA ==[\s\S]*CUDA Version 12\.9\.1[\s\S]*\n\d+\.\d+/);
	const noGpu = await runCommand('docker', ['run', '--rm', images.tensorrt_llm, 'python3', '-c', 'import tensorrt_llm; print(tensorrt_llm.__version__)'], env);
	t.is(noGpu.code, 1);
	t.regex(noGpu.stdout, /== PyTorch ==[\s\S]*NVIDIA Driver was not detected/);
	t.regex(noGpu.stderr, /ImportError: libcuda\.so\.1: cannot open shared object file/);
});

test('a one-off container (help, version) is started like the launch: GPUs, entrypoint override, extra_args', t => {
	const argv = dockerRunOnceArgv(
		{docker: 'docker', image: images.vllm, envNames: ['HF_TOKEN'], gpuIds: [5, 6], extraArgs: ['--runtime=nvidia'], entrypointArgs: entrypointArgs('vllm', [])},
		['vllm', '--version'],
	);
	t.deepEqual(argv, [
		'docker',
		'run',
		'--rm',
		'--gpus',
		'"device=5,6"',
		'-e',
		'HF_TOKEN',
		'--entrypoint',
		'',
		'--runtime=nvidia',
		images.vllm,
		'vllm',
		'--version',
	]);
	t.deepEqual(entrypointArgs('vllm', ['--entrypoint', '/bin/sh']), [], 'a recipe that sets its own entrypoint keeps it');
	t.deepEqual(entrypointArgs('sglang', []), [], "NVIDIA's entrypoint script is kept");
});

test("docker recipe: version and help queries get the launch's --gpus, entrypoint override and extra_args, and read the framework's own version", async t => {
	const dir = tempDir('docker-version');
	const recipe = parseRecipe(
		{
			kind: 'docker',
			path_prepend: [simBin],
			hf_cache: null,
			extra_args: ['--pull=never'],
			frameworks: {vllm: {image: images.vllm}, sglang: {image: images.sglang}, tensorrt_llm: {image: images.tensorrt_llm}},
		},
		path.join(dir, 'r.yaml'),
	);
	const env = simEnv({gpu_count: 2});
	const executor = createExecutor(recipe, {env});
	const queries = {
		vllm: ['vllm', '--version'],
		sglang: ['python3', '-c', 'import sglang; print(sglang.__version__)'],
		tensorrt_llm: ['python3', '-c', 'import tensorrt_llm; print(tensorrt_llm.__version__)'],
	} as const;
	for (const [framework, argv] of Object.entries(queries)) {
		const result = await executor.run(argv, {framework, timeoutMs: 60_000, gpuIds: [1]});
		t.is(result.code, 0, `${framework}: ${result.stderr}`);
		const expected = {vllm: '0.33.0', sglang: /^\d+\.\d+/, tensorrt_llm: /^\d+\.\d+/}[framework as keyof typeof queries];
		const version = versionFromOutput(result.stdout);
		if (typeof expected === 'string') t.is(version, expected);
		else t.regex(version ?? '', expected);
		t.notRegex(version ?? '', /^(12\.9|25\.06|2\.8)/, `${framework}: not a banner's version`);
	}
});

test('under the docker recipe no `docker run` of the vLLM image runs a vllm command without clearing its entrypoint (a whole run)', async t => {
	const dir = tempDir('docker-run');
	const bin = path.join(dir, 'bin');
	fs.mkdirSync(bin);
	const log = path.join(dir, 'docker-calls.log');
	// Logs every docker argv (unit-separated), then hands over to the simulated docker.
	fs.writeFileSync(
		path.join(bin, 'docker'),
		`#!/bin/sh\nfor a in "$@"; do printf '%s\\037' "$a" >> '${log}'; done\nprintf '\\n' >> '${log}'\nexec '${path.join(simBin, 'docker')}' "$@"\n`,
		{mode: 0o755},
	);
	const recipe = parseRecipe({kind: 'docker', path_prepend: [bin, simBin], hf_cache: null, frameworks: {vllm: {image: images.vllm}}}, path.join(dir, 'r.yaml'));
	const world = {gpu_model: 'H100-80GB', gpu_count: 2, time_scale: 0.02, startup_wall_s: 0.3, seed: 1};
	const env = {...simEnv(world), LLM_BENCH_SIM_WORLD: JSON.stringify(world)};
	const plan = `model:
  name: Qwen/Qwen3-8B
hardware:
  gpu_model: H100-80GB
  gpu_count: 1
  gpu_ids: [1]
dataset:
  kind: random
  num_prompts: 6
  scenario_names: [chat]
  input_len: [64]
  output_len: [8]
benchmark:
  endpoint: /v1/completions
  max_concurrency: [null]
  request_rates: [inf]
sla:
  max_p99_ttft_ms: 60000
  max_p99_tpot_ms: 10000
  min_success_rate: 0.5
search:
  max_candidates_per_framework: 1
frameworks:
  vllm:
    enabled: true
    base_server_flags:
      max_model_len: 4096
`;
	const session = startSession({...(await runInputs(writePlan(dir, plan), recipe, path.join(dir, 'runs'))), deps: {env, gpuPollMs: 60_000, stopGraceMs: 2000}});
	const {runDir} = await session.done;
	const calls = fs
		.readFileSync(log, 'utf8')
		.trim()
		.split('\n')
		.map(line => line.split('\x1f').slice(0, -1));
	const vllmRuns = calls.filter(argv => argv[0] === 'run' && argv.includes(images.vllm));
	t.true(vllmRuns.length >= 3, `help, version and the launch at least: ${vllmRuns.length}`);
	for (const argv of vllmRuns) {
		const at = argv.indexOf('--entrypoint');
		t.true(at >= 0 && argv[at + 1] === '' && at < argv.indexOf(images.vllm), argv.join(' '));
		t.regex(argv.join(' '), /--gpus "device=1"/, 'every container gets the requested GPU');
	}

	const manifest = JSON.parse(fs.readFileSync(path.join(runDir, 'manifest.json'), 'utf8')) as {frameworks: Record<string, {version?: string}>};
	t.is(manifest.frameworks.vllm?.version, '0.33.0');
	const rows = readJsonl<ResultRow>(path.join(runDir, 'results.jsonl'));
	t.true(
		rows.some(row => row.status === 'ok'),
		rows.map(row => `${row.status} ${row.failure_reason}`).join('; '),
	);
});
