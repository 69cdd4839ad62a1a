import {readFile} from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import {UserError} from '../errors.js';

/**
 * What the report knows beyond the rows: the run manifest (docs/artifacts.md) or the engine's own view of the
 * plan. Every field is optional and unknown fields are kept, so a manifest from a newer or older
 * build still reads; whatever is missing is derived from the rows.
 */

const str = v.nullish(v.string());
const num = v.nullish(v.number());

export const FrameworkContextSchema = v.looseObject({
	version: str,
	commit: str,
	image: str,
	python_env: str,
	cuda_version: str,
	nccl_version: str,
	/** Candidates the plan generated; more than the rows hold means the search was cut short. */
	planned_candidates: num,
});

export const ReportContextSchema = v.looseObject({
	run_id: str,
	run_dir: str,
	model: str,
	simulated: v.nullish(v.boolean()),
	hardware: v.nullish(v.looseObject({gpu_model: str, gpu_count: num, visible_devices: str, driver_version: str, cuda_version: str})),
	frameworks: v.nullish(v.record(v.string(), FrameworkContextSchema)),
	sla: v.nullish(v.record(v.string(), v.unknown())),
	workload: v.nullish(
		v.looseObject({
			kind: str,
			endpoint: str,
			num_prompts: num,
			dataset_path: str,
			synthetic: v.nullish(v.boolean()),
			scenarios: v.nullish(v.array(v.looseObject({name: v.string(), input_len: num, output_len: num}))),
			qps: v.nullish(v.looseObject({lower: num, upper: num, tolerance: num, max_rounds: num})),
		}),
	),
	/** Framework-specific flag substitutions made while rendering commands. */
	substitutions: v.nullish(v.array(v.string())),
	/** Extra caveats from the engine (e.g. "run aborted by the operator"). */
	notes: v.nullish(v.array(v.string())),
	/** What the run held (engine/cost-ledger.ts): GPU-seconds, launches, wall time, per candidate. */
	cost: v.nullish(
		v.looseObject({
			gpu_seconds: v.number(),
			servers_launched: v.number(),
			wall_seconds: num,
			clock: v.nullish(v.picklist(['simulated', 'wall'])),
			candidates: v.nullish(
				v.array(v.object({framework: v.string(), candidate_id: v.string(), gpu_seconds: v.number(), servers_launched: v.number(), wall_seconds: v.number()})),
			),
		}),
	),
	/** Named artifact paths (summary files, results.jsonl, workload files). */
	artifacts: v.nullish(v.record(v.string(), v.string())),
});
export type ReportContext = v.InferOutput<typeof ReportContextSchema>;

/** Validates a context object (e.g. handed over by the engine); throws a UserError naming `where`. */
export function parseContext(value: unknown, where: string): ReportContext {
	const result = v.safeParse(ReportContextSchema, value);
	if (result.success) return result.output;
	const details = result.issues.slice(0, 5).map(issue => `${issue.path?.map(item => String(item.key)).join('.') ?? '(root)'}: ${issue.message}`);
	throw new UserError(`${where}: not a run manifest — ${details.join('; ')}`);
}

/** Reads manifest.json beside the first rows file, if there is one. */
export async function loadContextBeside(rowsFile: string): Promise<ReportContext> {
	const file = path.join(path.dirname(rowsFile), 'manifest.json');
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		return {};
	}

	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new UserError(`${file}: not valid JSON (${(error as Error).message}); fix it or move it away to report without it`);
	}

	return parseContext(json, file);
}
