import * as v from 'valibot';

/**
 * The run manifest (docs/artifacts.md): what ran where — versions, hardware, help captures, the
 * flags each candidate passed, the SLA and workload. The engine builds it after preflight, writes
 * it to manifest.json and carries the same object in a `manifest-written` event, so the TUI and a
 * remote viewer read it from the event stream and never from disk. Loose objects: a manifest from
 * a newer build keeps its extra fields, and the report's reader (report-context.ts) accepts it.
 */

const str = v.nullable(v.string());
const flags = v.record(v.string(), v.unknown());

export const ManifestFrameworkSchema = v.looseObject({
	version: str,
	commit: str,
	image: str,
	python_env: str,
	/** Where it ran: the recipe kind, the GPUs it saw, the driver and CUDA they report. */
	recipe_kind: v.string(),
	visible_devices: v.string(),
	driver_version: str,
	cuda_version: str,
	/** Not queried: no framework-neutral way to ask; null rather than a guess. */
	nccl_version: str,
	extra_launch_flags: flags,
	server_help: str,
	benchmark_help: str,
	/** Candidate id → the flags it passes that the captured help accepted. */
	accepted_flags: v.record(v.string(), v.array(v.string())),
	unsupported: str,
	planned_candidates: v.number(),
	rejected: v.array(v.object({flags, reason: v.string()})),
});

export const ManifestSchema = v.looseObject({
	run_id: v.string(),
	run_dir: v.string(),
	plan_file: v.string(),
	recipe: v.string(),
	model: v.string(),
	simulated: v.boolean(),
	hardware: v.looseObject({gpu_model: str, gpu_count: v.number(), visible_devices: v.string(), driver_version: str, cuda_version: str}),
	frameworks: v.record(v.string(), ManifestFrameworkSchema),
	sla: v.record(v.string(), v.number()),
	workload: v.looseObject({
		kind: v.string(),
		endpoint: v.string(),
		num_prompts: v.number(),
		synthetic: v.boolean(),
		scenarios: v.array(v.looseObject({name: v.string(), input_len: v.number(), output_len: v.number(), sha256: str, file: str})),
		qps: v.looseObject({lower: v.number(), upper: v.number(), tolerance: v.number(), max_rounds: v.number()}),
	}),
	notes: v.array(v.string()),
});
export type Manifest = v.InferOutput<typeof ManifestSchema>;
