import * as v from 'valibot';

/**
 * A recipe says where and how each framework runs (docs/architecture.md: variants chosen by `kind`).
 * Per-framework overrides live under `frameworks.<name>` and win over the top-level values.
 */

const envNames = v.array(v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')));
const envValues = v.record(v.string(), v.string());

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

export const RecipeSchema = v.variant('kind', [LocalRecipeSchema, DockerRecipeSchema, DockerExecRecipeSchema, SimulatedRecipeSchema, SshRecipeSchema]);
export type Recipe = v.InferOutput<typeof RecipeSchema>;
export type InnerRecipe = v.InferOutput<typeof InnerRecipeSchema>;
export const recipeKinds = ['local', 'docker', 'docker-exec', 'simulated', 'ssh'] as const;

/** A recipe after loading: the file it came from, path_prepend resolved against it. */
export type LoadedRecipe = {
	readonly file: string | null;
	readonly name: string;
	readonly recipe: Recipe;
	readonly pathPrepend: readonly string[];
};
