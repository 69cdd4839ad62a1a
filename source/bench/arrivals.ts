/**
 * Arrival schedules. A seeded PRNG makes a run repeatable; gaps are Gamma(shape = burstiness,
 * scale = 1/(rate·burstiness)) — burstiness 1 is Poisson — and, as in vLLM's newest client, the
 * cumulative schedule is rescaled so the last arrival lands exactly at N/rate. Given N arrivals
 * in [0, T] a Poisson process is uniform order statistics, so the rescale keeps the arrival
 * pattern Poisson while removing the ±1/√N wobble of the total duration from the achieved rate.
 */

/** mulberry32: tiny, fast, good enough for arrival jitter. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function normal(random: () => number): number {
	const u = Math.max(random(), Number.MIN_VALUE);
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Marsaglia–Tsang gamma sampler (shape k, scale 1). */
export function gamma(random: () => number, shape: number): number {
	if (shape < 1) return gamma(random, shape + 1) * random() ** (1 / shape);
	const d = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d);
	for (;;) {
		const x = normal(random);
		const v = (1 + c * x) ** 3;
		if (v <= 0) continue;
		const u = random();
		if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
	}
}

/** Absolute send offsets in ms from the start, one per request. Infinity rate = all at 0. */
export function arrivalOffsetsMs(count: number, requestRate: number, burstiness = 1, seed = 0): number[] {
	if (count === 0) return [];
	if (!Number.isFinite(requestRate)) return Array.from({length: count}, () => 0);
	const random = seededRandom(seed ^ 0x9e3779b9);
	const offsets: number[] = [];
	let total = 0;
	for (let index = 0; index < count; index++) {
		total += Number.isFinite(burstiness) ? gamma(random, burstiness) / burstiness : 1;
		offsets.push(total);
	}
	const scale = ((count / requestRate) * 1000) / total;
	return offsets.map(offset => offset * scale);
}
