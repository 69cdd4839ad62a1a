import * as v from 'valibot';
import {splitShellWords} from '../../shell/shell-words.js';
import type {SectionIssue} from '../adapter.js';

const command = v.union([v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty')), v.pipe(v.array(v.string()), v.minLength(1, 'must not be empty'))]);
const option = v.pipe(v.string(), v.regex(/^--?[A-Za-z0-9][\w.-]*$/, 'must be an option as the server spells it, e.g. --model-id'));

/**
 * The keys an `openai_compatible` section takes beside the shared ones. The server is any
 * binary with an OpenAI-compatible HTTP API (TGI, llama.cpp's llama-server, TokenSpeed), so
 * what the other adapters know, the config says: how to reach readiness, how to print help and
 * the version, and how the server spells its model, host and port options.
 */
export const OpenAiCompatibleSettingsSchema = v.object({
	/** Polled until it answers 200, e.g. /health (TGI, llama-server) or /v1/models. */
	ready_path: v.optional(v.pipe(v.string(), v.regex(/^\/\S*$/, "must be a path starting with '/', e.g. /health"))),
	/** A log line that says the server is up (a regular expression); optional, readiness is the HTTP poll. */
	ready_log: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
	/** Prints the server's options; without it the flags are not checked before launch. */
	help_command: v.optional(command),
	/** Prints the server's version. */
	version_command: v.optional(command),
	/** The option that takes the model (`--model-id` for TGI, `--model` for llama-server); absent = the model is already in server_command. */
	model_flag: v.optional(option),
	host_flag: v.optional(option),
	port_flag: v.optional(option),
});

export type OpenAiCompatibleSettings = v.InferOutput<typeof OpenAiCompatibleSettingsSchema>;

export const defaultReadyPath = '/health';

/** A command as argv; settings were checked at load (checkSettings), so a split cannot fail here. */
export function commandWords(value: string | readonly string[] | undefined): readonly string[] | null {
	if (value === undefined) return null;
	if (typeof value !== 'string') return value;
	const words = splitShellWords(value);
	return Array.isArray(words) ? words : null;
}

export function checkSettings(raw: Readonly<Record<string, unknown>>): readonly SectionIssue[] {
	const settings = raw as OpenAiCompatibleSettings;
	const issues: SectionIssue[] = [];
	for (const key of ['help_command', 'version_command'] as const) {
		const value = settings[key];
		const words = typeof value === 'string' ? splitShellWords(value) : null;
		if (words !== null && !Array.isArray(words)) issues.push({path: [key], message: `cannot be split like a shell command: ${words.error}`, severity: 'error'});
	}

	if (settings.ready_log !== undefined) {
		try {
			new RegExp(settings.ready_log);
		} catch (error) {
			issues.push({path: ['ready_log'], message: `is not a regular expression: ${(error as Error).message}`, severity: 'error'});
		}
	}

	return issues;
}
