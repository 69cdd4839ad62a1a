import path from 'node:path';
import test from 'ava';
import type {Plan} from '../../source/config/plan.js';
import {prefetchWeights} from '../../source/engine/weight-prefetch.js';
import {startSession} from '../../source/engine/start-session.js';
import {createExecutor} from '../../source/executors/create-executor.js';
import type {Executor} from '../../source/executors/executor.js';
import type {EngineEvent} from '../../source/events.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import {downloadSeconds} from '../../source/sim/cli/hf-main.js';
import {runInputs, simRecipe, smallPlan, tempDir, writePlan} from '../engine/sim-fixture.js';
import {simEnv} from '../sim/sim-helpers.js';

/** Finding 4: weight prefetch is its own preflight step — "already present", or a download with progress under its own limit. */

const plan = (name: string) => ({model: {name}, frameworks: [{name: 'vllm', enabled: true}]}) as unknown as Plan;

function setup(world: Record<string, unknown>, recipe: Record<string, unknown> = {}, env: Record<string, string | undefined> = {}) {
	const base = simEnv({time_scale: 0.02, ...world});
	const executor = createExecutor(parseRecipe({kind: 'local', ...recipe}, path.join(tempDir('weights'), 'r.yaml')), {env: {...base, ...env}});
	const argvs: string[][] = [];
	// Records every command line, to show that no token is ever on one.
	const recording: Executor = {
		...executor,
		run(argv, options) {
			argvs.push([...argv]);
			return executor.run(argv, options);
		},
	};
	return {executor: recording, argvs};
}

test('an absent model is downloaded with hf under its own step and file progress; the next time it is already present', async t => {
	const {executor, argvs} = setup({absent_models: ['Qwen/Qwen3-32B'], download_gbps: 1});
	const context = {recipe: parseRecipe({kind: 'local'}, null), executor, plan: plan('Qwen/Qwen3-32B')};
	const progress: string[] = [];
	const first = await prefetchWeights(context, detail => progress.push(detail));
	t.is(first.status, 'passed', first.detail);
	t.regex(first.detail, /^Qwen\/Qwen3-32B downloaded in \d+ s$/);
	t.true(progress.length >= 3, progress.join(' | '));
	t.true(
		progress.every(detail => /^downloading Qwen\/Qwen3-32B: \d+\/\d+ files \(\d+%\)$/.test(detail)),
		progress.join(' | '),
	);
	const done = progress.map(detail => Number(/: (\d+)\//.exec(detail)![1]));
	t.deepEqual(
		done,
		[...done].sort((a, b) => a - b),
	);
	// First offline (the presence check), then online.
	t.deepEqual(argvs[0], ['env', 'HF_HUB_OFFLINE=1', 'hf', 'download', 'Qwen/Qwen3-32B', '--quiet']);
	t.deepEqual(argvs[1], ['env', 'hf', 'download', 'Qwen/Qwen3-32B']);
	const again = await prefetchWeights(context);
	t.regex(again.detail, /^Qwen\/Qwen3-32B already present \(.*\/hub\/models--Qwen--Qwen3-32B\/snapshots\/\w+\)$/);
	t.is(argvs.length, 3, 'only the offline check the second time');
});

test('the simulated download time grows with the checkpoint: 32B takes about four times 8B', t => {
	const small = downloadSeconds('Qwen/Qwen3-8B', {download_gbps: 1});
	const big = downloadSeconds('Qwen/Qwen3-32B', {download_gbps: 1});
	t.true(big.seconds > small.seconds * 3.5 && big.seconds < small.seconds * 4.5, `${big.seconds} vs ${small.seconds}`);
	t.true(big.files > small.files);
	t.is(downloadSeconds('Qwen/Qwen3-8B', {download_gbps: 2}).seconds, small.seconds / 2);
});

test('a gated model: without HF_TOKEN a clear failure naming pass_env; with it (by name, never on a command line) it downloads', async t => {
	const world = {absent_models: ['meta-llama/Llama-3.1-8B-Instruct'], gated_models: ['meta-llama/Llama-3.1-8B-Instruct'], download_gbps: 8};
	const model = plan('meta-llama/Llama-3.1-8B-Instruct');
	const without = setup(world, {}, {HF_TOKEN: undefined});
	const refused = await prefetchWeights({recipe: parseRecipe({kind: 'local'}, null), executor: without.executor, plan: model});
	t.is(refused.status, 'failed');
	t.regex(refused.detail, /GatedRepoError|Please log in/);
	t.regex(refused.hint ?? '', /pass_env: \[HF_TOKEN\]/);
	const token = 'hf_canary_0123456789';
	const withToken = setup(world, {pass_env: ['HF_TOKEN']}, {HF_TOKEN: token});
	const fetched = await prefetchWeights({recipe: parseRecipe({kind: 'local', pass_env: ['HF_TOKEN']}, null), executor: withToken.executor, plan: model});
	t.is(fetched.status, 'passed', fetched.detail);
	t.false(withToken.argvs.flat().some(arg => arg.includes(token)));
});

test('without hf where the servers run: a warning that the servers will download within their readiness limit; local paths and prefetch off skip', async t => {
	const {executor} = setup({}, {}, {PATH: '/nonexistent'});
	const missing = await prefetchWeights({recipe: parseRecipe({kind: 'local'}, null), executor, plan: plan('Qwen/Qwen3-8B')});
	t.is(missing.status, 'warning', missing.detail);
	t.regex(missing.detail, /not installed where the servers run/);
	const local = await prefetchWeights({recipe: parseRecipe({kind: 'local'}, null), executor, plan: plan('/models/qwen3-8b')});
	t.regex(local.detail, /local path: nothing to download/);
	const off = await prefetchWeights({recipe: parseRecipe({kind: 'local', prefetch_weights: false}, null), executor, plan: plan('Qwen/Qwen3-8B')});
	t.regex(off.detail, /prefetch_weights: false/);
});

test('in a run, the weights step comes before the help capture and its 300 s limit', async t => {
	const dir = tempDir('weights-run');
	const session = startSession({
		...(await runInputs(writePlan(dir, smallPlan()), simRecipe({absent_models: ['Qwen/Qwen3-8B'], download_gbps: 4}), path.join(dir, 'runs'))),
		deps: {env: process.env, gpuPollMs: 60_000, stopGraceMs: 2000},
	});
	await session.done;
	const checks = session.history.filter((e): e is Extract<EngineEvent, {type: 'preflight-check'}> => e.type === 'preflight-check');
	const verdict = checks.find(e => e.id === 'weights' && e.status !== 'running');
	t.is(verdict?.status, 'passed', verdict?.detail);
	t.regex(verdict?.detail ?? '', /^Qwen\/Qwen3-8B downloaded in \d+ s$/);
	const order = checks.filter(e => e.status === 'running').map(e => e.id);
	t.true(order.indexOf('weights') < order.indexOf('help-vllm'));
});
