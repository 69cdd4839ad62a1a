import path from 'node:path';
import test from 'ava';
import {builtinRecipeDir, builtinRecipeNames, loadRecipe, parseRecipe} from '../../source/recipes/load-recipe.js';
import {createExecutor} from '../../source/executors/create-executor.js';
import {UserError} from '../../source/errors.js';

test('every shipped recipe loads; simulated resolves path_prepend next to the recipe file', t => {
	t.deepEqual(builtinRecipeNames(), ['docker', 'docker-exec', 'kubernetes', 'local', 'simulated', 'slurm', 'slurm-simulated', 'ssh']);
	for (const name of builtinRecipeNames()) t.is(loadRecipe(name).recipe.kind as string, name === 'slurm-simulated' ? 'slurm' : name);
	t.deepEqual(loadRecipe('simulated').pathPrepend, [path.resolve(builtinRecipeDir, '../source/sim/bin')]);
});

test('a bad recipe names the file, the path and the valid kinds', t => {
	const error = t.throws(() => parseRecipe({kind: 'nomad'}, '/x/r.yaml'), {instanceOf: UserError});
	t.regex(error.message, /\/x\/r\.yaml: kind: .*local, docker, docker-exec, simulated, ssh, slurm, kubernetes/);
	t.throws(() => loadRecipe('nope'), {
		message: /unknown recipe 'nope'. Valid names: docker, docker-exec, kubernetes, local, simulated, slurm, slurm-simulated, ssh/,
	});
});

test('docker recipe: per-framework image override, fresh named container, cleanup by name', t => {
	const executor = createExecutor(loadRecipe('docker'), {env: {HF_TOKEN: 'secret-value'}});
	const argv = executor.describeLaunch({argv: ['vllm', 'serve', 'm'], name: 'llm-bench-x-vllm-00', gpuIds: [2, 3], framework: 'vllm'});
	t.true(argv.includes('vllm/vllm-openai:latest'));
	t.is(argv[argv.indexOf('--gpus') + 1], '"device=2,3"');
	t.is(argv[argv.indexOf('--name') + 1], 'llm-bench-x-vllm-00');
	t.false(argv.join(' ').includes('secret-value'));
	const trt = executor.describeLaunch({argv: ['trtllm-serve', 'serve', 'm'], name: 'n', gpuIds: [0, 1], framework: 'tensorrt_llm'});
	t.true(trt.includes('--shm-size=16g'));
});
