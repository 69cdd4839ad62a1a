/**
 * The workload's vocabulary, written once: the OpenAI-compatible endpoints a workload is sent to,
 * the kinds of dataset it is built from, and one canonical row (docs/measurement.md). The config,
 * the workload builder, the load client, the bench command and the native commands all use these.
 */

export const endpoints = ['/v1/completions', '/v1/chat/completions'] as const;
export type Endpoint = (typeof endpoints)[number];

/** As the plan holds them; YAML also accepts older spellings (config/raw-schemas.ts). */
export const datasetKinds = ['random', 'sharegpt', 'jsonl', 'shared-prefix'] as const;
export type DatasetKind = (typeof datasetKinds)[number];

export function isEndpoint(value: string): value is Endpoint {
	return (endpoints as readonly string[]).includes(value);
}

export function isDatasetKind(value: string): value is DatasetKind {
	return (datasetKinds as readonly string[]).includes(value);
}

/** One canonical workload row, as stored in `workload/<scenario>.jsonl`. */
export type WorkloadRow = {
	/** A string or token-id list (completions) or a message list (chat). */
	readonly prompt: string | readonly number[] | ReadonlyArray<{readonly role: string; readonly content: string}>;
	readonly output_len: number;
	readonly extra_request_body?: Readonly<Record<string, unknown>>;
	readonly metadata?: Readonly<Record<string, unknown>>;
	/** Prompt length in tokens as built (exact when a tokenizer was used). */
	readonly prompt_len?: number;
};
