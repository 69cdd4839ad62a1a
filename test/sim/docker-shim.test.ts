import test from 'ava';
import {freePort, launch, runCommand, simEnv, waitReady} from './sim-helpers.js';

test('docker shim: run with --gpus and --name, ps lists it, rm -f stops it; exec runs the inner command', async t => {
	const env = simEnv({gpu_count: 4});
	const port = await freePort();
	const run = launch(
		'docker',
		[
			'run',
			'--rm',
			'--name',
			'sim-vllm-01',
			'--gpus',
			'"device=2"',
			'--network',
			'host',
			'--ipc=host',
			'-e',
			'HF_TOKEN',
			'--entrypoint',
			'',
			'vllm/vllm-openai:latest',
			'vllm',
			'serve',
			'Qwen/Qwen3-8B',
			'--host',
			'127.0.0.1',
			'--port',
			String(port),
		],
		env,
	);
	await waitReady(`http://127.0.0.1:${port}`, run);

	const smi = await runCommand('nvidia-smi', ['--query-gpu=index,memory.used', '--format=csv,noheader,nounits'], env);
	const used = Object.fromEntries(
		smi.stdout
			.trim()
			.split('\n')
			.map(line => line.split(', ').map(Number)),
	);
	t.true(used[2]! > 10_000, 'the container sees GPU 2 only');
	t.is(used[0], 1);

	const ps = await runCommand('docker', ['ps', '--format', '{{.Names}}'], env);
	t.is(ps.stdout, 'sim-vllm-01\n');
	const removed = await runCommand('docker', ['rm', '-f', 'sim-vllm-01'], env);
	t.is(removed.stdout, 'sim-vllm-01\n');
	t.is(await run.exited, 137);
	t.is((await runCommand('docker', ['ps', '--format', '{{.Names}}'], env)).stdout, '');

	const exec = await runCommand('docker', ['exec', '-e', 'X=1', 'vllm', 'vllm', '--version'], env);
	t.is(exec.code, 0);
	t.is(exec.stdout, '0.33.0\n');
});
