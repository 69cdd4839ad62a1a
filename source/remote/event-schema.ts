import * as v from 'valibot';
import type {EngineEvent} from '../events.js';
import {FrameworkNameSchema} from '../frameworks/registry.js';
import {ManifestSchema} from '../results/manifest.js';
import {ResultRowSchema, RowStatusSchema} from '../results/result-row.js';

/**
 * EngineEvent as a valibot schema, for the ws boundary (a viewer trusts nothing it did not check).
 * The assertions at the bottom make the compiler fail when this and events.ts drift apart.
 */

const at = {t: v.number()};
const str = v.string();
const optStr = v.optional(v.string());
const nullNum = v.nullable(v.number());

const optNum = v.optional(nullNum);
const GpuSampleSchema = v.object({
	index: v.number(),
	name: str,
	memoryUsedMiB: v.number(),
	memoryTotalMiB: v.number(),
	utilizationPct: v.nullable(v.number()),
	powerW: optNum,
	temperatureC: optNum,
	smClockMHz: optNum,
});
const ServerMetricsReadingSchema = v.object({running: nullNum, waiting: nullNum, kvCacheUsage: nullNum, preemptions: nullNum});
const BenchProgressSchema = v.object({
	completed: v.number(),
	failed: v.number(),
	total: v.number(),
	inFlight: v.number(),
	elapsedMs: v.number(),
	p50TtftMs: nullNum,
	p50TpotMs: nullNum,
	requestThroughput: nullNum,
	outputTokenThroughput: nullNum,
	latency: v.optional(v.record(v.string(), nullNum)),
	errors: v.optional(v.record(v.string(), v.number())),
});
const phase = v.picklist(['launching', 'loading', 'ready', 'stopped', 'failed']);
const checkStatus = v.picklist(['running', 'passed', 'failed', 'warning', 'skipped']);

export const EngineEventSchema = v.variant('type', [
	v.object({...at, type: v.literal('run-started'), runId: str, runDir: str, planFile: str, model: str, simulated: v.boolean(), resumed: v.boolean()}),
	v.object({...at, type: v.literal('preflight-check'), id: str, title: str, status: checkStatus, detail: optStr, hint: optStr}),
	v.object({
		...at,
		type: v.literal('plan-ready'),
		candidates: v.array(v.object({id: str, framework: FrameworkNameSchema, command: str})),
		scenarios: v.array(str),
		estimatedSeconds: nullNum,
		sla: v.optional(v.record(v.string(), v.number())),
	}),
	v.object({...at, type: v.literal('framework-started'), framework: FrameworkNameSchema, version: v.nullable(str)}),
	v.object({...at, type: v.literal('framework-finished'), framework: FrameworkNameSchema, reason: optStr}),
	v.object({
		...at,
		type: v.literal('candidate-started'),
		candidateId: str,
		framework: FrameworkNameSchema,
		index: v.number(),
		total: v.number(),
		command: str,
		where: optStr,
	}),
	v.object({...at, type: v.literal('server-phase'), candidateId: str, phase, detail: optStr}),
	v.object({...at, type: v.literal('server-log'), candidateId: str, lines: v.array(str)}),
	v.object({...at, type: v.literal('gpu-sampled'), gpus: v.array(GpuSampleSchema)}),
	v.object({...at, type: v.literal('server-metrics'), candidateId: str, scenario: str, reading: ServerMetricsReadingSchema}),
	v.object({
		...at,
		type: v.literal('bench-started'),
		candidateId: str,
		scenario: str,
		requestRate: v.union([v.number(), v.literal('inf')]),
		maxConcurrency: nullNum,
		round: nullNum,
		numPrompts: v.number(),
	}),
	v.object({...at, type: v.literal('bench-progress'), candidateId: str, scenario: str, progress: BenchProgressSchema}),
	v.object({
		...at,
		type: v.literal('qps-round-finished'),
		candidateId: str,
		scenario: str,
		maxConcurrency: nullNum,
		round: v.number(),
		requestRate: v.number(),
		passed: v.boolean(),
		reason: optStr,
		verdict: v.optional(v.picklist(['pass', 'fail', 'undecided'])),
		samples: v.optional(v.number()),
		batches: v.optional(v.number()),
	}),
	v.object({...at, type: v.literal('manifest-written'), manifest: ManifestSchema}),
	v.object({...at, type: v.literal('row-recorded'), row: ResultRowSchema}),
	v.object({...at, type: v.literal('candidate-finished'), candidateId: str, framework: FrameworkNameSchema, status: RowStatusSchema, reason: optStr}),
	v.object({...at, type: v.literal('candidate-skipped'), candidateId: str, framework: FrameworkNameSchema, reason: str}),
	v.object({...at, type: v.literal('warning'), message: str}),
	v.object({...at, type: v.literal('run-aborted'), reason: str}),
	v.object({
		...at,
		type: v.literal('run-finished'),
		runDir: str,
		summaryPath: v.nullable(str),
		winners: v.array(v.object({framework: str, scenario: str, candidateId: str})),
		cost: v.optional(v.object({gpu_seconds: v.number(), servers_launched: v.number(), clock: v.picklist(['simulated', 'wall'])})),
	}),
]);

type Parsed = v.InferOutput<typeof EngineEventSchema>;
// Both directions: every parsed event is an EngineEvent, and every event type has a schema.
const parsedIsEvent = (event: Parsed): EngineEvent => event;
const everyTypeCovered = (type: EngineEvent['type']): Parsed['type'] => type;
void parsedIsEvent;
void everyTypeCovered;
