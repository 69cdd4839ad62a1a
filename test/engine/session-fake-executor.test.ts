import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import type {EngineEvent} from '../../source/events.js';
import type {CommandResult, Executor} from '../../source/executors/executor.js';
import {defaultLocalRecipe} from '../../source/recipes/load-recipe.js';
import {startSession} from '../../source/engine/start-session.js';
import {runInputs, smallPlan, tempDir, writePlan} from './sim-fixture.js';

/**
 * The engine against a fake executor: a table of command outputs, no simulated box, no server.
 * Every command the engine asks for is recorded; launching anything fails the test.
 */
function fakeExecutor(answers: Record<string, Partial<CommandResult>>): Executor & {asked: string[]; launched: number} {
	const asked: string[] = [];
	const fake = {
		kind: 'local',
		connectHost: '127.0.0.1',
		bindHost: '127.0.0.1',
		asked,
		launched: 0,
		async run(argv: readonly string[]): Promise<CommandResult> {
			const line = argv.join(' ');
			asked.push(line);
			const answer = Object.entries(answers).find(([prefix]) => line.startsWith(prefix))?.[1];
			return {code: 127, stdout: '', stderr: '', timedOut: false, error: `spawn ${argv[0]} ENOENT`, ...answer};
		},
		launch() {
			fake.launched += 1;
			throw new Error('the engine launched a server it should not have');
		},
		describeLaunch: (spec: {argv: readonly string[]}) => spec.argv,
		stopLeftover: async () => 'nothing to stop',
	};
	return fake;
}

const gpuCsv = '0, NVIDIA H100 80GB HBM3, GPU-aaaa-0000, 0, 81559, 0, 570.86.15\n1, NVIDIA H100 80GB HBM3, GPU-aaaa-0001, 0, 81559, 0, 570.86.15\n';
const healthyGpus = {
	'nvidia-smi --query-gpu': {code: 0, stdout: gpuCsv, error: null},
	'nvidia-smi --query-compute-apps': {code: 0, stdout: '', error: null},
	'nvidia-smi': {code: 0, stdout: '| NVIDIA-SMI 570.86.15   Driver Version: 570.86.15   CUDA Version: 12.8 |', error: null},
};
const deps = {env: {PATH: process.env.PATH}, gpuPollMs: 60_000, stopGraceMs: 100};

test('no nvidia-smi: preflight fails on the GPU check with a hint, nothing launches, exit 1', async t => {
	const dir = tempDir('fake-no-gpu');
	const executor = fakeExecutor({});
	const session = startSession({...(await runInputs(writePlan(dir, smallPlan()), defaultLocalRecipe, path.join(dir, 'runs'))), deps, executor});
	const {exitCode, runDir} = await session.done;
	t.is(exitCode, 1);
	const failed = session.history.find((e): e is Extract<EngineEvent, {type: 'preflight-check'}> => e.type === 'preflight-check' && e.status === 'failed');
	t.is(failed?.id, 'gpus');
	t.regex(failed?.detail ?? '', /nvidia-smi failed: spawn nvidia-smi ENOENT/);
	t.truthy(failed?.hint);
	t.is(executor.launched, 0);
	t.false(session.history.some(e => e.type === 'plan-ready'));
	// Even a run that stopped in preflight leaves its manifest, in the file and in the stream.
	const written = session.history.find(e => e.type === 'manifest-written');
	t.deepEqual(
		JSON.parse(JSON.stringify(written?.type === 'manifest-written' ? written.manifest : null)),
		JSON.parse(fs.readFileSync(path.join(runDir, 'manifest.json'), 'utf8')),
	);
});

test('a framework whose CLI is missing is cut: every candidate is a skipped row with a structured cause', async t => {
	const dir = tempDir('fake-no-vllm');
	const executor = fakeExecutor(healthyGpus);
	const materializeWorkload = async () => ({
		rows: [{prompt: 'hello', output_len: 32, extra_request_body: {}, metadata: {}}],
		sha256: 'f'.repeat(64),
		notes: [],
		synthetic: true,
	});
	const session = startSession({
		...(await runInputs(writePlan(dir, smallPlan()), defaultLocalRecipe, path.join(dir, 'runs'))),
		deps: {...deps, materializeWorkload},
		executor,
	});
	const {exitCode} = await session.done;
	t.is(exitCode, 0, 'a run whose framework could not run is a result, not an error');
	t.true(
		executor.asked.some(line => line.startsWith('vllm serve --help')),
		'the help capture was asked for',
	);
	t.is(executor.launched, 0);
	const help = session.history.find(
		(e): e is Extract<EngineEvent, {type: 'preflight-check'}> => e.type === 'preflight-check' && e.id === 'help-vllm' && e.status !== 'running',
	);
	t.is(help?.status, 'failed');
	const rows = session.history.flatMap(e => (e.type === 'row-recorded' ? [e.row] : []));
	t.deepEqual(rows.map(row => row.candidate_id).sort(), ['vllm-00-baseline', 'vllm-01-max-num-seqs-32']);
	for (const row of rows) {
		t.is(row.status, 'skipped');
		t.deepEqual(row.cause, {kind: 'framework-cut'});
		t.regex(row.failure_reason ?? '', /not available in this environment/);
	}

	const written = session.history.find(e => e.type === 'manifest-written');
	t.is(written?.type === 'manifest-written' ? written.manifest.frameworks.vllm?.unsupported?.includes('not available') : false, true);
	t.is(written?.type === 'manifest-written' ? written.manifest.hardware.cuda_version : null, '12.8');
});
