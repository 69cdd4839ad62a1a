import {performance} from 'node:perf_hooks';
import type {WorkloadRow} from '../results/workload-row.js';
import type {BenchOptions, BenchSummary, RequestRecord} from './bench-types.js';
import {arrivalOffsetsMs} from './arrivals.js';
import {pacedSender, type PacedSender} from './paced-sender.js';
import {preciseTimer, type PreciseTimer} from './precise-timer.js';
import {summarize} from './metrics.js';
import {progressSnapshot} from './progress.js';
import {requestBody} from './request-body.js';
import {streamRequest, type InFlight, type StreamResult, type StreamTarget} from './stream-request.js';
import {toRecord} from './to-record.js';
import {warmAgent, type WarmAgent} from './warm-agent.js';

/**
 * The built-in load client (docs/measurement.md). Sends are scheduled against absolute target times computed
 * up front, so a late wake-up never delays the requests after it (SGLang measures each wait from
 * when it wakes, and its achieved rate drifts low). Request failures are records, never throws.
 */

const defaultTimeoutMs = 600_000;
export const progressIntervalMs = 250;

/** How far ahead of its target a paced request is prepared and armed (see `prepare` below). */
const pacedLookaheadMs = 50;
const pacedStartLeadMs = pacedLookaheadMs / 2;

function makeTarget(options: BenchOptions): StreamTarget & {pool: WarmAgent} {
	const url = new URL(options.baseUrl.replace(/\/+$/, '') + options.endpoint);
	const pool = warmAgent(url);
	const headers: Record<string, string> = {'content-type': 'application/json', accept: 'text/event-stream'};
	const key = options.apiKey?.reveal() ?? (options.apiKeyEnv ? process.env[options.apiKeyEnv] : undefined);
	if (key) headers.authorization = `Bearer ${key}`;
	return {
		url,
		agent: pool.agent,
		pool,
		headers,
		timeoutMs: options.requestTimeoutMs ?? defaultTimeoutMs,
	};
}

function exactOutput(options: BenchOptions, row: WorkloadRow): boolean {
	return (row.extra_request_body?.ignore_eos ?? options.extraRequestBody?.ignore_eos ?? true) !== false;
}

/** Most connections worth opening ahead, whatever the run (the agent keeps at most this many idle). */
const maxWarmConnections = 1024;

/**
 * Connections to open before the clock starts: every request that may be in flight together early
 * on — a burst's min(num_prompts, max_concurrency); at a finite rate, those arriving within the
 * first second (later ones mostly reuse sockets freed by then; a cold dial costs them one
 * round trip, as every request of a new-connection-per-request client pays).
 */
export function warmConnectionCount(offsetsMs: readonly number[], maxConcurrency: number | null | undefined, timeScale = 1): number {
	const horizonMs = 1000 * timeScale;
	let early = 0;
	while (early < offsetsMs.length && offsetsMs[early]! <= horizonMs) early++;
	return Math.min(early, maxConcurrency ?? Number.POSITIVE_INFINITY, maxWarmConnections);
}

async function warmUp(options: BenchOptions, target: StreamTarget & {pool: WarmAgent}, connections: number): Promise<void> {
	for (let index = 0; index < (options.warmupRequests ?? 0) && !options.signal?.aborted; index++) {
		const row = options.rows[index % options.rows.length]!;
		await new Promise<StreamResult>(resolve => streamRequest(target, requestBody(options, row), resolve));
	}
	if (!options.signal?.aborted) await target.pool.warm(connections);
}

export async function runBenchmark(options: BenchOptions): Promise<BenchSummary> {
	const timeScale = options.timeScale ?? 1;
	const rows = options.rows;
	const target = makeTarget(options);
	const notes: string[] = [];
	const records: RequestRecord[] = [];
	let startMs = performance.now();
	let endMs = startMs;
	let precise: PreciseTimer | null = null;
	let sender: PacedSender | null = null;
	let senderText: string | undefined;
	const clientNotes: string[] = [];
	try {
		const offsets = arrivalOffsetsMs(rows.length, options.requestRate / timeScale, options.burstiness ?? 1, options.seed ?? 0);
		const limit = options.maxConcurrency ?? Number.POSITIVE_INFINITY;
		// How a paced run's sends are timed. By default a worker thread writes each prepared request at
		// its target (paced-sender.ts), so the main thread's own work cannot delay a send; that needs
		// plain HTTP on a POSIX system and no concurrency cap (a capped request goes when a slot frees,
		// decided on this thread). Otherwise a worker wakes this thread at each target (precise-timer.ts).
		// LLM_BENCH_SEND_TIMER=wake / =spin force that wake-up, or the scheduler before it (ms timer,
		// then setImmediate turn by turn): `npm run bench`'s yardsticks.
		const mode = process.env.LLM_BENCH_SEND_TIMER;
		const timed = rows.length > 1 && offsets.at(-1)! > 0;
		let wake = (): void => {};
		// Windows sockets have no descriptor a worker could write to.
		const writable = target.url.protocol === 'http:' && process.platform !== 'win32';
		sender = timed && mode !== 'wake' && mode !== 'spin' && limit === Number.POSITIVE_INFINITY && writable ? pacedSender() : null;
		precise = timed && !sender && mode !== 'spin' ? preciseTimer(() => wake()) : null;
		if (rows.length > 0) await warmUp(options, target, warmConnectionCount(offsets, options.maxConcurrency, timeScale));
		await precise?.ready;
		await sender?.ready;
		const priority = sender?.priority() ?? null;
		senderText = sender
			? `worker thread, ${priority?.text ?? 'normal priority (its thread did not start)'}`
			: precise
				? 'main thread, woken by a timer thread'
				: timed
					? 'main thread, ms timer then setImmediate'
					: 'all at once (no pacing)';
		if (priority?.refused) {
			clientNotes.push(
				`sends were timed by a thread at ${priority.text}: on busy cores a send can start a few ms late (each request keeps scheduled_ms and sent_ms); run as root or grant CAP_SYS_NICE (docker run --cap-add SYS_NICE) for real-time sends`,
			);
		}
		const bodies = rows.map(row => requestBody(options, row));
		const handles = new Map<number, InFlight>();
		const waiting: number[] = [];
		let waitingHead = 0;
		let next = 0;
		let aborted = options.signal?.aborted ?? false;
		let timer: NodeJS.Timeout | null = null;
		let immediate: NodeJS.Immediate | null = null;
		let progressTimer: NodeJS.Timeout | null = null;
		// A paced run's clock starts half the look-ahead from now, so the first requests are armed as
		// far ahead of their targets as every later batch is (below). Started at once, the first ~10
		// at 1,000 req/s reached the worker 1–9 ms after their targets: building and arming the first
		// batch takes that long, and those were the run's largest send errors on an idle machine.
		startMs = performance.now() + (sender ? pacedStartLeadMs : 0);
		endMs = startMs;

		// Paced requests prepared ahead of their targets are not in flight yet: how many, at `elapsedMs`.
		const notDue = (elapsedMs: number): number => {
			let count = 0;
			for (let index = next - 1; index >= 0 && offsets[index]! > elapsedMs; index--) count++;
			return count;
		};
		const report = (): void => {
			const elapsedMs = Math.max(0, performance.now() - startMs);
			const inFlight = Math.max(0, handles.size - notDue(elapsedMs));
			options.onProgress?.(progressSnapshot({total: rows.length, records, inFlight, elapsedMs, timeScale}));
		};

		await new Promise<void>(resolve => {
			const done = (): void => {
				if (timer) clearTimeout(timer);
				if (immediate) clearImmediate(immediate);
				precise?.close();
				sender?.close();
				if (progressTimer) clearInterval(progressTimer);
				options.signal?.removeEventListener('abort', onAbort);
				resolve();
			};
			const launch = (index: number): void => {
				const row = rows[index]!;
				const context = {
					index,
					scheduledMs: offsets[index]!,
					startMs,
					timeScale,
					requestedOutputTokens: row.output_len,
					exactOutput: exactOutput(options, row),
					datasetPromptTokens: row.prompt_len ?? null,
				};
				handles.set(
					index,
					streamRequest(
						target,
						bodies[index]!,
						result => {
							handles.delete(index);
							if (aborted) return;
							endMs = performance.now();
							records.push(toRecord(result, context));
							// Next tick: the agent frees this socket on a tick of its own; launching now would dial a new one.
							if (waitingHead < waiting.length) {
								const queued = waiting[waitingHead++]!;
								process.nextTick(() => !aborted && launch(queued));
							}
							if (records.length === rows.length) done();
						},
						sender ? {sender, atMs: startMs + offsets[index]!} : undefined,
					),
				);
			};
			// Paced: requests are prepared (built, given a socket, armed in the worker) this far ahead of
			// their targets, and the next batch is prepared half that ahead: a stall of this thread
			// shorter than that cannot make a send late. On a loaded 2-core machine this thread stalls for
			// tens of ms (20 ms of look-ahead armed up to a quarter of the sends late, 50 ms about 0.5 %).
			// Each prepared request holds a connection early, so at most maxAhead wait at once (at high
			// rates the look-ahead shrinks rather than the connections grow).
			const lookaheadMs = pacedLookaheadMs;
			const maxAhead = 64;
			const prepare = (): void => {
				timer = null;
				const now = performance.now() - startMs;
				let ahead = 0;
				for (let index = next - 1; index >= 0 && offsets[index]! > now; index--) ahead++;
				for (; next < rows.length && offsets[next]! <= now + lookaheadMs && ahead < maxAhead; ahead++) launch(next++);
				if (next >= rows.length) return;
				// Again when the next one is half the look-ahead away, or, at the cap, when the oldest waiting one goes.
				const at = ahead >= maxAhead ? offsets[next - ahead]! : offsets[next]! - lookaheadMs / 2;
				timer = setTimeout(prepare, Math.max(0, at - now));
			};
			const tick = (): void => {
				if (timer) clearTimeout(timer);
				timer = null;
				immediate = null;
				precise?.cancel();
				// A wake-up converted between the threads' clocks may land a few µs short of its target.
				const now = performance.now() - startMs + (precise ? 0.02 : 0);
				while (next < rows.length && offsets[next]! <= now) {
					const index = next++;
					if (handles.size < limit) launch(index);
					else waiting.push(index);
				}
				if (next >= rows.length) return;
				const wait = offsets[next]! - (performance.now() - startMs);
				if (precise) {
					// The worker wakes us on time; the ms timer is only a backstop should a wake-up be lost.
					precise.wakeAt(startMs + offsets[next]!);
					timer = setTimeout(tick, Math.max(0, Math.ceil(wait)) + 2);
					return;
				}
				// Sleep on a timer to within a millisecond of the target, then yield turn by turn.
				if (wait >= 1) timer = setTimeout(tick, Math.floor(wait));
				else immediate = setImmediate(tick);
			};
			wake = tick;
			const start = sender ? prepare : tick;
			const onAbort = (): void => {
				aborted = true;
				const prepared = Math.min(handles.size, notDue(performance.now() - startMs));
				const cancelled = handles.size - prepared;
				for (const handle of handles.values()) handle.cancel('aborted');
				notes.push(
					`aborted: ${cancelled} in-flight request(s) cancelled, ${rows.length - next + prepared + (waiting.length - waitingHead)} never sent; figures cover the ${records.length} that finished`,
				);
				endMs = performance.now();
				done();
			};
			if (aborted || rows.length === 0) {
				if (aborted) notes.push('aborted before the first request');
				done();
				return;
			}
			options.signal?.addEventListener('abort', onAbort, {once: true});
			if (options.onProgress) progressTimer = setInterval(report, progressIntervalMs);
			start();
		});
		report();
	} finally {
		target.pool.destroy();
		precise?.close();
		sender?.close();
	}
	records.sort((a, b) => a.index - b.index);
	if (records.some(record => record.outputTokensSource === 'chunks')) {
		notes.push('the server sent no usage for some requests: their output tokens are counted as content chunks (approximate when a chunk holds several tokens)');
	}
	return summarize(records, {
		durationS: (endMs - startMs) / 1000 / timeScale,
		goodput: options.goodput ?? null,
		requestRate: Number.isFinite(options.requestRate) ? options.requestRate : 'inf',
		maxConcurrency: options.maxConcurrency ?? null,
		numPrompts: rows.length,
		notes,
		sender: senderText,
		clientNotes,
	});
}
