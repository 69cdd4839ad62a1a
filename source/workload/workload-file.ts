import {createHash} from 'node:crypto';
import {readFile, writeFile, mkdir} from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import type {WorkloadRow} from '../results/workload-row.js';
import {UserError} from '../errors.js';

/** The canonical workload file (docs/measurement.md): one JSON row per line; its sha256 names the workload. */

const MessageSchema = v.object({role: v.string(), content: v.string()});

export const WorkloadRowSchema = v.object({
	prompt: v.union([v.string(), v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.array(MessageSchema)]),
	output_len: v.pipe(v.number(), v.integer(), v.minValue(1)),
	extra_request_body: v.optional(v.record(v.string(), v.unknown())),
	metadata: v.optional(v.record(v.string(), v.unknown())),
	prompt_len: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export function serializeWorkload(rows: readonly WorkloadRow[]): string {
	return rows.map(row => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}

/** sha256 of the exact bytes saveWorkload writes, so a saved file can be checked against a row. */
export function workloadSha256(rows: readonly WorkloadRow[]): string {
	return createHash('sha256').update(serializeWorkload(rows)).digest('hex');
}

export async function saveWorkload(rows: readonly WorkloadRow[], file: string): Promise<string> {
	await mkdir(path.dirname(file), {recursive: true});
	const text = serializeWorkload(rows);
	await writeFile(file, text);
	return createHash('sha256').update(text).digest('hex');
}

export async function loadWorkload(file: string): Promise<WorkloadRow[]> {
	const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
		throw new UserError(`cannot read workload ${file}: ${error.code ?? error.message}`);
	});
	return text.split('\n').flatMap((line, index) => {
		if (line.trim() === '') return [];
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			throw new UserError(`${file}:${index + 1}: not valid JSON. Each line must be one workload row {"prompt", "output_len", ...}.`);
		}
		const result = v.safeParse(WorkloadRowSchema, value);
		if (!result.success) {
			const issue = result.issues[0];
			const where = v.getDotPath(issue) ?? 'row';
			throw new UserError(
				`${file}:${index + 1}: ${where}: ${issue.message}. Each line must be {"prompt": string|token ids|messages, "output_len": integer ≥ 1, ...}.`,
			);
		}
		return [result.output as WorkloadRow];
	});
}
