/**
 * Saturation of a round, decided while it runs: the server's queue keeps growing over a sustained
 * window while completed throughput stops rising. Past that point every further second only
 * lengthens the queue (the round will fail its latency SLA, and its throughput is already known),
 * so the round is stopped and recorded as saturated. Pure: points in, a verdict out.
 *
 * Times are server seconds since the round's first request. `queue` is the server's own waiting
 * count where it exports one, else the client's requests in flight beyond the running batch.
 */
export type QueuePoint = {readonly s: number; readonly queue: number};
/** The client's completed count, timed at its own report (a step function between reports). */
export type CompletionPoint = {readonly s: number; readonly completed: number};

export type SaturationVerdict = {
	readonly saturated: true;
	readonly atS: number;
	readonly queueFrom: number;
	readonly queueTo: number;
	readonly windowS: number;
	/** Completed requests per second over the window's second half: what the server sustains. */
	readonly completedRate: number;
	readonly reason: string;
};

export type SaturationRule = {
	/** The sustained window, server seconds. */
	readonly windowS: number;
	/** How much the queue must grow over the window (requests). */
	readonly minGrowth: number;
	/** Readings needed inside the window. */
	readonly minPoints: number;
	/** Second-half completion rate ≤ this × first-half rate counts as "not rising" (Poisson noise allowed). */
	readonly flatRatio: number;
};

/**
 * The rule for one round: the window is 30 % of the arrival span (at least three server-metric
 * readings and three client progress reports, whose completed counts are step functions; at most
 * 10 s unless the progress cadence needs more), the queue must grow by ≥ 10 % of the round's requests (at least 4). Conservative on purpose:
 * a false alarm would fail a round that could have passed.
 */
export function saturationRule(numPrompts: number, requestRate: number, readingIntervalS: number, progressIntervalS = 0): SaturationRule {
	const spanS = Number.isFinite(requestRate) && requestRate > 0 ? numPrompts / requestRate : 0;
	return {
		windowS: Math.max(3 * readingIntervalS, 3 * progressIntervalS, Math.min(10, 0.3 * spanS)),
		minGrowth: Math.max(4, Math.ceil(numPrompts * 0.1)),
		minPoints: 3,
		flatRatio: 1.2,
	};
}

const fmt = (value: number) => (Math.round(value * 100) / 100).toString();

export function detectSaturation(
	points: readonly QueuePoint[],
	completions: readonly CompletionPoint[],
	rule: SaturationRule,
	offeredRate: number,
): SaturationVerdict | null {
	if (points.length < rule.minPoints) return null;
	const end = points.at(-1)!;
	const from = end.s - rule.windowS;
	// Past the ramp-up: something completed before the window opened, so a flat rate is not "not yet".
	const firstDone = completions.find(point => point.completed > 0);
	if (!firstDone || firstDone.s > from) return null;
	const window = points.filter(point => point.s >= from);
	if (window.length < rule.minPoints) return null;
	const start = window[0]!;
	const growth = end.queue - start.queue;
	if (growth < rule.minGrowth) return null;
	// Growing, not a spike that is draining: the last reading is within one request of the window's peak.
	if (end.queue < Math.max(...window.map(point => point.queue)) - 1) return null;
	const mid = window.find(point => point.s >= from + rule.windowS / 2) ?? end;
	// A trend, not one burst of arrivals: the queue rose in both halves of the window.
	if (!(mid.queue > start.queue && end.queue > mid.queue)) return null;
	// Completion rates over the two halves, between the client's own reports inside the window.
	const done = completions.filter(point => point.s >= from && point.s <= end.s);
	if (done.length < 3) return null;
	const c0 = done[0]!;
	const cm = done[Math.floor(done.length / 2)]!;
	const c1 = done.at(-1)!;
	if (cm.s <= c0.s || c1.s <= cm.s) return null;
	const firstRate = (cm.completed - c0.completed) / (cm.s - c0.s);
	const secondRate = (c1.completed - cm.completed) / (c1.s - cm.s);
	if (secondRate > firstRate * rule.flatRatio && secondRate > 0) return null;
	// Arrivals must be outpacing completions; a queue can grow briefly at a rate the server can serve.
	if (Number.isFinite(offeredRate) && secondRate >= offeredRate * 0.8) return null;
	return {
		saturated: true,
		atS: end.s,
		queueFrom: start.queue,
		queueTo: end.queue,
		windowS: end.s - start.s,
		completedRate: secondRate,
		reason: `saturated: the queue grew from ${start.queue} to ${end.queue} over ${fmt(end.s - start.s)} s while completions stayed at ~${fmt(secondRate)} req/s (offered ${fmt(offeredRate)} req/s); round stopped after ${fmt(end.s)} s`,
	};
}
