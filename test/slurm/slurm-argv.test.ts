import test from 'ava';
import {UserError} from '../../source/errors.js';
import {sallocArgv} from '../../source/executors/slurm/slurm-cli.js';
import {createAllocationExecutor, createSlurmProbeExecutor, slurmEnv} from '../../source/executors/slurm/slurm-executor.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';

const recipe = parseRecipe(
	{
		kind: 'slurm',
		partition: 'gpu',
		account: 'proj',
		time_limit: '01:30:00',
		exclusive: true,
		container_image: 'nvcr.io#nvidia/pytorch:25.01-py3',
		container_mounts: ['/scratch/hf:/root/.cache/huggingface'],
		salloc_args: ['--constraint=h100'],
		env: {NCCL_DEBUG: 'INFO'},
		pass_env: ['HF_TOKEN'],
		frameworks: {vllm: {image: 'docker://vllm/vllm-openai:latest'}},
	},
	null,
);

test('salloc asks one node with the plan’s GPUs, named for the run, with every recipe setting', t => {
	t.deepEqual(
		sallocArgv({
			jobName: 'llm-bench-r1',
			comment: 'vllm-00',
			gpus: 2,
			partition: 'gpu',
			account: 'proj',
			timeLimit: '01:30:00',
			exclusive: true,
			extraArgs: ['--constraint=h100'],
		}),
		[
			'salloc',
			'--no-shell',
			'--job-name=llm-bench-r1',
			'--comment=vllm-00',
			'--nodes=1',
			'--ntasks=1',
			'--gres=gpu:2',
			'--partition=gpu',
			'--account=proj',
			'--time=01:30:00',
			'--exclusive',
			'--constraint=h100',
		],
	);
});

test('the server runs in its job with srun --jobid --overlap, in the framework’s pyxis image; nvidia-smi on the node itself', t => {
	const executor = createAllocationExecutor(recipe, {env: {PATH: '/usr/bin', HF_TOKEN: 'hf_x'}}, {jobId: '42', node: 'node2', address: '10.0.0.2'});
	t.is(executor.connectHost, '10.0.0.2');
	t.is(executor.bindHost, '0.0.0.0');
	const argv = executor.describeLaunch({argv: ['vllm', 'serve', 'm'], name: 'x', gpuIds: [0, 1], framework: 'vllm', env: {CUDA_VISIBLE_DEVICES: '0,1'}});
	t.deepEqual(argv, [
		'srun',
		'--jobid=42',
		'--overlap',
		'--nodes=1',
		'--ntasks=1',
		'--kill-on-bad-exit=1',
		'--container-image=docker://vllm/vllm-openai:latest',
		'--container-mounts=/scratch/hf:/root/.cache/huggingface',
		'--',
		'vllm',
		'serve',
		'm',
	]);
	// No secret and no env value on the argv: srun exports the local environment by name.
	t.false(argv.join(' ').includes('hf_x'));
	t.false(argv.join(' ').includes('NCCL_DEBUG'));
	// Slurm sets CUDA_VISIBLE_DEVICES in the step for the job's GPUs: the engine's pinning is dropped.
	const env = slurmEnv(recipe, {env: {PATH: '/usr/bin'}}, 'vllm', {
		argv: [],
		name: 'x',
		gpuIds: [0, 1],
		framework: 'vllm',
		env: {CUDA_VISIBLE_DEVICES: '0,1', CUDA_DEVICE_ORDER: 'PCI_BUS_ID'},
	});
	t.is(env.CUDA_VISIBLE_DEVICES, undefined);
	t.is(env.CUDA_DEVICE_ORDER, 'PCI_BUS_ID');
	t.is(env.NCCL_DEBUG, 'INFO');
});

test('probes get a short allocation of their own, bounded in time, host commands outside any image', async t => {
	const probe = createSlurmProbeExecutor(recipe, {env: {PATH: '/nonexistent'}}, {jobName: 'llm-bench-r1', gpus: 2});
	t.throws(() => probe.launch({argv: ['x'], name: 'x', gpuIds: null, framework: 'vllm'}), {message: /only inside a candidate allocation/});
	const result = await probe.run(['nvidia-smi'], {framework: null, timeoutMs: 1000});
	// No srun on this PATH: the spawn failure is reported, not thrown.
	t.regex(result.error ?? '', /ENOENT/);
});

test('a slurm recipe with a time limit Slurm would not read is refused naming the field', t => {
	const error = t.throws(() => parseRecipe({kind: 'slurm', time_limit: '90 minutes'}, '/x/slurm.yaml'), {instanceOf: UserError});
	t.regex(error.message, /\/x\/slurm\.yaml: time_limit: a Slurm time limit/);
	t.throws(() => parseRecipe({kind: 'slurm', world: {time_scael: 1}}, '/x/s.yaml'), {
		message: /world\.time_scael: not a simulated-world setting — did you mean time_scale\?/,
	});
});
