import test from 'ava';
import {parse as parseYaml, parseAllDocuments} from 'yaml';
import {renderJobs, dnsLabel} from '../../source/executors/kubernetes/render-jobs.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';
import {runCli} from '../helpers/run-cli.js';

/**
 * The kubernetes kind is rendered only (no API server can run here): its Jobs are checked against
 * the Kubernetes API's own JSON schema, as generated from the OpenAPI spec by kubernetes-models.
 */
type JobModel = new (data: unknown) => {validate(): void};
// Loaded by a computed name: a worktree whose node_modules predates this devDependency still
// typechecks; CI (npm ci) always has it, and there a missing package fails instead of skipping.
const modelsSpecifier = ['kubernetes-models', 'batch', 'v1', 'Job'].join('/');
const Job: JobModel | null = await import(modelsSpecifier).then(
	module => (module as {Job: JobModel}).Job,
	() => null,
);
if (!Job && process.env.CI) throw new Error('kubernetes-models is a devDependency: npm ci installs it');
if (!Job) console.log('kubernetes Job schema tests skipped: run `npm install` (kubernetes-models is missing from node_modules)');
const schemaTest = Job ? test : test.skip;

function validate(manifest: Record<string, unknown>): void {
	new Job!(manifest).validate();
}

schemaTest('plan --recipe kubernetes prints one valid Job per candidate: GPUs, Kueue label, image, command, secrets by reference', async t => {
	const result = await runCli(['plan', 'configs/demo/quick.yaml', '--recipe', 'kubernetes'], {env: {HF_TOKEN: 'hf_secret_value_123'}});
	t.is(result.exitCode, 0, result.stderr);
	const jobs = parseAllDocuments(result.stdout).map(document => document.toJS() as Record<string, any>);
	// quick.yaml: 2 candidates for each of the 3 frameworks.
	t.is(jobs.length, 6);
	for (const job of jobs) t.notThrows(() => validate(job), job.metadata.name);
	const names = jobs.map(job => job.metadata.name);
	t.is(new Set(names).size, 6);
	const first = jobs[0]!;
	t.is(first.metadata.labels['kueue.x-k8s.io/queue-name'], 'gpu-queue');
	t.true(first.spec.suspend);
	const container = first.spec.template.spec.containers[0];
	t.deepEqual(container.resources.limits, {'nvidia.com/gpu': 1});
	t.is(container.image, 'lmsysorg/sglang:latest');
	t.deepEqual([...container.command, ...container.args].slice(0, 4), ['python', '-m', 'sglang.launch_server', '--model-path']);
	t.deepEqual(container.args.slice(-4), ['--host', '0.0.0.0', '--port', '8000']);
	t.deepEqual(container.env, [{name: 'HF_TOKEN', valueFrom: {secretKeyRef: {name: 'llm-bench-secrets', key: 'HF_TOKEN'}}}]);
	t.false(result.stdout.includes('hf_secret_value_123'));
	const trt = jobs.find(job => job.metadata.labels['llm-bench-tui/framework'] === 'tensorrt-llm')!;
	t.is(trt.spec.template.spec.containers[0].image, 'nvcr.io/nvidia/tensorrt-llm/release:latest');
});

schemaTest('the schema check is real: a Job with a mistyped or misplaced field is refused', t => {
	const job = parseYaml(
		'{apiVersion: batch/v1, kind: Job, metadata: {name: x}, spec: {template: {spec: {restartPolicy: Never, containers: [{name: s, image: i}]}}}}',
	) as Record<string, unknown>;
	t.notThrows(() => validate(job!));
	const badPort = structuredClone(job!) as any;
	badPort.spec.template.spec.containers[0].ports = [{containerPort: 'eight thousand'}];
	t.throws(() => validate(badPort));
	const noContainers = structuredClone(job!) as any;
	noContainers.spec.template.spec.containers = 'server';
	t.throws(() => validate(noContainers));
});

schemaTest('env: ordinary entries by value, secret-named ones and pass_env by secretKeyRef; no Secret named is an error', t => {
	const recipe = parseRecipe({kind: 'kubernetes', image: 'img', secret: 's', env: {NCCL_DEBUG: 'INFO', API_TOKEN: 'x'}, pass_env: ['HF_TOKEN']}, null)
		.recipe as never;
	const plan = {name: 'vllm', serverCommand: ['vllm', 'serve'], settings: {}} as never;
	const [job] = renderJobs({
		recipe,
		modelName: 'm',
		gpuCount: 4,
		frameworks: [{framework: plan, candidates: [{id: 'vllm-00-baseline', framework: 'vllm', index: 0, flags: {}, diff: {}, argv: []} as never]}],
	});
	const container = (job as any).spec.template.spec.containers[0];
	t.deepEqual(container.env, [
		{name: 'NCCL_DEBUG', value: 'INFO'},
		{name: 'HF_TOKEN', valueFrom: {secretKeyRef: {name: 's', key: 'HF_TOKEN'}}},
		{name: 'API_TOKEN', valueFrom: {secretKeyRef: {name: 's', key: 'API_TOKEN'}}},
	]);
	t.deepEqual(container.resources.limits, {'nvidia.com/gpu': 4});
	t.notThrows(() => validate(job!));
	const noSecret = parseRecipe({kind: 'kubernetes', image: 'img', pass_env: ['HF_TOKEN']}, null).recipe as never;
	t.throws(() => renderJobs({recipe: noSecret, modelName: 'm', gpuCount: 1, frameworks: [{framework: plan, candidates: [{id: 'a', flags: {}} as never]}]}), {
		message: /HF_TOKEN must come from a Secret/,
	});
	t.is(dnsLabel('SGLang_00--Baseline.'), 'sglang-00-baseline');
});

test('plan --recipe with another kind says only kubernetes is rendered', async t => {
	const result = await runCli(['plan', 'configs/demo/quick.yaml', '--recipe', 'slurm']);
	t.is(result.exitCode, 2);
	t.regex(result.stderr, /slurm is a slurm recipe; only a kubernetes recipe is rendered by plan/);
});
