import type {Candidate, FrameworkPlan} from '../../config/plan.js';
import {configuredFramework} from '../../frameworks/registry.js';
import {launchArgv} from '../../plan/render-argv.js';
import type {KubernetesRecipe} from '../../recipes/recipe-schema.js';
import {isSecretKey} from '../../secrets/secret-key.js';

/**
 * The `kubernetes` recipe kind, rendered (docs/recipes.md): one batch/v1 Job per candidate, the
 * way AIPerf's operator runs one job per point. No API server is contacted (none can run on the
 * machines this project is built on); `plan CONFIG --recipe RECIPE` prints these for `kubectl apply`.
 * GPUs are `resources.limits: {nvidia.com/gpu: N}` (the device plugin picks them, as Slurm does);
 * secrets cross by secretKeyRef to the recipe's Secret, never by value.
 */
export type JobManifest = Record<string, unknown>;

export type RenderInput = {
	readonly recipe: KubernetesRecipe;
	readonly modelName: string;
	readonly gpuCount: number;
	readonly frameworks: ReadonlyArray<{readonly framework: FrameworkPlan; readonly candidates: readonly Candidate[]}>;
};

/** DNS-1123 label: lower-case alphanumerics and '-', at most 63 characters, alphanumeric at both ends. */
export function dnsLabel(text: string, max = 63): string {
	const clean = text
		.toLowerCase()
		.replaceAll(/[^a-z0-9-]+/g, '-')
		.replaceAll(/-+/g, '-')
		.slice(0, max)
		.replaceAll(/^-+|-+$/g, '');
	return clean === '' ? 'x' : clean;
}

export class RenderError extends Error {}

function envFor(recipe: KubernetesRecipe, framework: string): Array<Record<string, unknown>> {
	const override = recipe.frameworks?.[framework];
	const values = {...recipe.env, ...override?.env};
	const secretNames = [...new Set([...(recipe.pass_env ?? []), ...(override?.pass_env ?? []), ...Object.keys(values).filter(name => isSecretKey(name))])];
	if (secretNames.length > 0 && !recipe.secret)
		throw new RenderError(`kubernetes recipe: ${secretNames.join(', ')} must come from a Secret: set \`secret:\` to the Secret that holds them as keys`);
	const plain = Object.entries(values)
		.filter(([name]) => !secretNames.includes(name))
		.map(([name, value]) => ({name, value}));
	const secret = secretNames.map(name => ({name, valueFrom: {secretKeyRef: {name: recipe.secret, key: name}}}));
	return [...plain, ...secret];
}

export function renderJobs(input: RenderInput): JobManifest[] {
	const {recipe} = input;
	const port = recipe.port;
	const jobs: JobManifest[] = [];
	for (const {framework, candidates} of input.frameworks) {
		const override = recipe.frameworks?.[framework.name];
		const image = override?.image ?? recipe.image;
		if (!image) throw new RenderError(`kubernetes recipe: no image for ${framework.name}: set \`image:\` or frameworks.${framework.name}.image`);
		const {runtime} = configuredFramework(framework);
		const plan = {...framework, serverCommand: override?.server_command ?? framework.serverCommand};
		for (const candidate of candidates) {
			const argv = launchArgv(plan, candidate.flags, input.modelName, {}, {host: '0.0.0.0', port});
			const labels: Record<string, string> = {
				'app.kubernetes.io/name': 'llm-bench-tui',
				'llm-bench-tui/framework': dnsLabel(framework.name),
				'llm-bench-tui/candidate': dnsLabel(candidate.id),
				...(recipe.queue ? {'kueue.x-k8s.io/queue-name': recipe.queue} : {}),
			};
			const env = envFor(recipe, framework.name);
			jobs.push({
				apiVersion: 'batch/v1',
				kind: 'Job',
				metadata: {
					name: dnsLabel(`llm-bench-${candidate.id}`),
					...(recipe.namespace ? {namespace: recipe.namespace} : {}),
					labels,
				},
				spec: {
					// One try: a candidate that fails is a result, not something to retry.
					backoffLimit: 0,
					// Kueue admits (unsuspends) a queued Job when its quota has the GPUs.
					...(recipe.queue ? {suspend: true} : {}),
					...(recipe.active_deadline_s ? {activeDeadlineSeconds: recipe.active_deadline_s} : {}),
					template: {
						metadata: {labels},
						spec: {
							restartPolicy: 'Never',
							...(recipe.service_account ? {serviceAccountName: recipe.service_account} : {}),
							...(recipe.node_selector ? {nodeSelector: recipe.node_selector} : {}),
							containers: [
								{
									name: 'server',
									image,
									command: argv.slice(0, 1),
									args: argv.slice(1),
									ports: [{name: 'http', containerPort: port}],
									...(env.length > 0 ? {env} : {}),
									resources: {limits: {'nvidia.com/gpu': input.gpuCount}},
									readinessProbe: {httpGet: {path: runtime.healthPath, port}, periodSeconds: 5},
								},
							],
						},
					},
				},
			});
		}
	}

	return jobs;
}
