import * as v from 'valibot';

/**
 * A recipe says where and how each framework runs (docs/architecture.md: variants chosen by `kind`).
 * Per-framework overrides live under `frameworks.<name>` and win over the top-level values.
 */

const envName = v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'));
const envNames = v.array(envName);
// Keys become `-e NAME` and, over ssh, `export NAME=…` lines: only real variable names.
const envValues = v.record(envName, v.string());

export const FrameworkOverrideSchema = v.strictObject({
	/** Replaces the plan's server command prefix (e.g. a venv's python). */
	server_command: v.optional(v.array(v.string())),
	image: v.optional(v.string()),
	container: v.optional(v.string()),
	env: v.optional(envValues),
	pass_env: v.optional(envNames),
	extra_args: v.optional(v.array(v.string())),
	/** Seconds to wait for readiness (model load can take minutes). */
	ready_timeout_s: v.optional(v.pipe(v.number(), v.minValue(1))),
});
export type FrameworkOverride = v.InferOutput<typeof FrameworkOverrideSchema>;

const common = {
	name: v.optional(v.string()),
	description: v.optional(v.string()),
	env: v.optional(envValues),
	/** Secrets, by name only. */
	pass_env: v.optional(envNames),
	/** Directories put first on PATH (relative to the recipe file). */
	path_prepend: v.optional(v.array(v.string())),
	ready_timeout_s: v.optional(v.pipe(v.number(), v.minValue(1))),
	/** Seconds an image pull may take (its own preflight step; default 3600). */
	pull_timeout_s: v.optional(v.pipe(v.number(), v.minValue(1))),
	/** Fetch the model's weights into the HF cache in preflight (`hf download`; default true). */
	prefetch_weights: v.optional(v.boolean()),
	/** Seconds that download may take (its own preflight step; default 7200). */
	prefetch_timeout_s: v.optional(v.pipe(v.number(), v.minValue(1))),
	/** Candidates at once (docs/placement.md): the plan's GPU ids are split into slots of gpu_count; default 1. */
	parallel: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
	frameworks: v.optional(v.record(v.string(), FrameworkOverrideSchema)),
};

export const LocalRecipeSchema = v.strictObject({kind: v.literal('local'), ...common});

export const DockerRecipeSchema = v.strictObject({
	kind: v.literal('docker'),
	...common,
	docker: v.optional(v.string(), 'docker'),
	/** Default image when a framework has none of its own. */
	image: v.optional(v.string()),
	hf_cache: v.optional(v.nullable(v.string()), '~/.cache/huggingface'),
	extra_args: v.optional(v.array(v.string())),
});

export const DockerExecRecipeSchema = v.strictObject({
	kind: v.literal('docker-exec'),
	...common,
	docker: v.optional(v.string(), 'docker'),
	container: v.optional(v.string()),
});

export const SimulatedRecipeSchema = v.strictObject({
	kind: v.literal('simulated'),
	...common,
	world: v.optional(
		v.looseObject({
			time_scale: v.optional(v.pipe(v.number(), v.minValue(0.0001))),
		}),
	),
});

const InnerRecipeSchema = v.variant('kind', [LocalRecipeSchema, DockerRecipeSchema, DockerExecRecipeSchema]);

export const SshRecipeSchema = v.strictObject({
	kind: v.literal('ssh'),
	...common,
	host: v.string(),
	user: v.optional(v.string()),
	port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65_535))),
	identity_file: v.optional(v.string()),
	ssh: v.optional(v.string(), 'ssh'),
	ssh_options: v.optional(v.array(v.string())),
	/** What runs on the remote host (local processes, or containers there). */
	remote: v.optional(InnerRecipeSchema, {kind: 'local'}),
});

/** Simulated box world (recipes/simulated.yaml `world:`); passed to the shims as JSON. */
const WorldSchema = v.looseObject({
	time_scale: v.optional(v.pipe(v.number(), v.minValue(0.0001))),
});

/** Slurm's `--time` forms: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS. */
const slurmTime = v.pipe(
	v.string(),
	v.regex(/^(\d+|\d+:\d{2}|\d+:\d{2}:\d{2}|\d+-\d+|\d+-\d+:\d{2}|\d+-\d+:\d{2}:\d{2})$/, 'a Slurm time limit (minutes, HH:MM:SS or D-HH:MM:SS)'),
);

/** docs/recipes.md: one Slurm allocation per candidate; the server runs in it with `srun --jobid`. */
export const SlurmRecipeSchema = v.strictObject({
	kind: v.literal('slurm'),
	...common,
	partition: v.optional(v.string()),
	account: v.optional(v.string()),
	/** Each candidate's allocation (`salloc --time`); Slurm ends the job, and the candidate, after it. */
	time_limit: v.optional(slurmTime),
	/** `salloc --exclusive`: the whole node per candidate (no other job's traffic on it). */
	exclusive: v.optional(v.boolean(), false),
	/** Pyxis/enroot image for every framework command (`srun --container-image`); per framework: frameworks.<name>.image. */
	container_image: v.optional(v.string()),
	container_mounts: v.optional(v.array(v.string())),
	/** Extra salloc options (`--constraint=h100`, `--qos=…`). */
	salloc_args: v.optional(v.array(v.string())),
	/** Extra srun options for every step. */
	srun_args: v.optional(v.array(v.string())),
	/** Set: the simulated box runs inside the jobs (recipes/slurm-simulated.yaml), one box per node. */
	world: v.optional(WorldSchema),
});

/** docs/recipes.md: rendered only (`plan --recipe`): one Job per candidate, no API server is contacted. */
export const KubernetesRecipeSchema = v.strictObject({
	kind: v.literal('kubernetes'),
	...common,
	namespace: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a Kubernetes namespace name'))),
	/** Default image when a framework has none of its own (frameworks.<name>.image). */
	image: v.optional(v.string()),
	/** Kueue LocalQueue: the `kueue.x-k8s.io/queue-name` label (Kueue admits the Job when GPUs are free). */
	queue: v.optional(v.string()),
	/** The Secret that holds every pass_env name as a key (env by secretKeyRef, never by value). */
	secret: v.optional(v.string()),
	service_account: v.optional(v.string()),
	node_selector: v.optional(v.record(v.string(), v.string())),
	/** Seconds after which the Job is stopped (activeDeadlineSeconds). */
	active_deadline_s: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
	port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65_535)), 8000),
});

export const RecipeSchema = v.variant('kind', [
	LocalRecipeSchema,
	DockerRecipeSchema,
	DockerExecRecipeSchema,
	SimulatedRecipeSchema,
	SshRecipeSchema,
	SlurmRecipeSchema,
	KubernetesRecipeSchema,
]);
export type Recipe = v.InferOutput<typeof RecipeSchema>;
export type InnerRecipe = v.InferOutput<typeof InnerRecipeSchema>;
export const recipeKinds = ['local', 'docker', 'docker-exec', 'simulated', 'ssh', 'slurm', 'kubernetes'] as const;
export type SlurmRecipe = v.InferOutput<typeof SlurmRecipeSchema>;
export type KubernetesRecipe = v.InferOutput<typeof KubernetesRecipeSchema>;

/** A recipe after loading: the file it came from, path_prepend resolved against it. */
export type LoadedRecipe = {
	readonly file: string | null;
	readonly name: string;
	readonly recipe: Recipe;
	readonly pathPrepend: readonly string[];
};
