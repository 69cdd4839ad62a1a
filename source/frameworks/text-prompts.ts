import type {Endpoint, WorkloadRow} from '../results/workload-row.js';

/**
 * The one text each canonical row sends, for the clients whose file datasets take text prompts only
 * (vLLM's `custom`, TensorRT-LLM's `trtllm_custom`): a completions prompt string, or a chat row that
 * is a single user message (the clients wrap the text as one user message themselves). Anything
 * else they cannot send unchanged, and the reason says which rows and why.
 */
export function textPrompts(rows: readonly WorkloadRow[], endpoint: Endpoint, client: string): {texts: string[]} | {why: string} {
	if (rows.length === 0) return {why: 'the workload has no rows'};
	const texts: string[] = [];
	for (const [index, row] of rows.entries()) {
		const where = `row ${index + 1}`;
		if (row.extra_request_body && Object.keys(row.extra_request_body).length > 0)
			return {why: `${client} sends the same request fields for every prompt; ${where} carries its own (extra_request_body)`};
		const {prompt} = row;
		if (typeof prompt === 'string') {
			texts.push(prompt);
			continue;
		}

		if (prompt.length > 0 && prompt.every(item => typeof item === 'number'))
			return {why: `${client} takes text prompts only; this workload's prompts are token ids (${where}; give the plan a tokenizer to get exact text)`};
		const messages = prompt as ReadonlyArray<{readonly role: string; readonly content: string}>;
		const only = messages[0];
		if (messages.length !== 1 || only?.role !== 'user' || typeof only.content !== 'string')
			return {
				why: `${client} sends each prompt as one user message; ${where} on ${endpoint} has ${messages.length} message(s) (${messages.map(message => message.role).join(', ')})`,
			};
		texts.push(only.content);
	}

	return {texts};
}
