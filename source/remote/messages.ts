import * as v from 'valibot';
import type {EngineEvent} from '../events.js';
import {EngineEventSchema} from './event-schema.js';

/**
 * The ws protocol, both directions, validated on receipt. The server sends `hello` (protocol
 * version, whether this viewer may steer), then every past event, then live ones. A viewer sends
 * `auth` with the token printed at start to gain control, then `skip`/`abort`/`proceed`.
 */

export const protocolVersion = 1;

export const ServerMessageSchema = v.variant('type', [
	v.object({type: v.literal('hello'), protocol: v.number(), control: v.boolean(), historyLength: v.number()}),
	v.object({type: v.literal('event'), event: EngineEventSchema}),
	v.object({type: v.literal('auth-result'), control: v.boolean(), message: v.string()}),
	v.object({type: v.literal('error'), message: v.string()}),
]);
export type ServerMessage = v.InferOutput<typeof ServerMessageSchema>;
/** What the server writes: the same shapes, with events typed as the engine emits them. */
export type OutgoingMessage = Exclude<ServerMessage, {type: 'event'}> | {type: 'event'; event: EngineEvent};

export const ClientMessageSchema = v.variant('type', [
	v.object({type: v.literal('auth'), token: v.pipe(v.string(), v.maxLength(256))}),
	v.object({type: v.literal('skip'), candidateId: v.optional(v.pipe(v.string(), v.maxLength(512)))}),
	v.object({type: v.literal('abort'), reason: v.optional(v.pipe(v.string(), v.maxLength(512)))}),
	v.object({type: v.literal('proceed')}),
]);
export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;

export type Parsed<T> = {ok: true; value: T} | {ok: false; message: string};

/** Parses one ws frame; a bad one is data with a reason (the connection stays up). */
export function parseMessage<T>(schema: v.GenericSchema<unknown, T>, raw: unknown): Parsed<T> {
	let json: unknown;
	try {
		json = JSON.parse(String(raw));
	} catch {
		return {ok: false, message: 'malformed message: not JSON'};
	}

	const result = v.safeParse(schema, json);
	if (result.success) return {ok: true, value: result.output};
	const issue = result.issues[0];
	const where = issue.path?.map(item => String(item.key)).join('.') ?? '';
	return {ok: false, message: `malformed message${where ? ` at ${where}` : ''}: ${issue.message}`};
}
