import test from 'ava';
import {seededRandom} from '../../source/bench/arrivals.js';
import {binomialCdf, chiSquareQuantile, normalQuantile, tQuantile} from '../../source/stats/distributions.js';
import {
	meanInterval,
	overlaps,
	percentileInterval,
	proportionInterval,
	quantileRanks,
	rateInterval,
	samplesForUpperBound,
} from '../../source/stats/intervals.js';

// Coverage is measured by simulation against distributions whose quantiles are known in closed
// form; every simulation is seeded so a failure repeats exactly.

const exponential = (random: () => number) => -Math.log(1 - random());
const exponentialQuantile = (p: number) => -Math.log(1 - p);
/** A heavy right tail like real latencies: lognormal(0, 1) by Box–Muller. */
const lognormal = (random: () => number) => Math.exp(Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
const lognormalQuantile = (p: number) => Math.exp(normalQuantile(p));

function coverage(
	n: number,
	percent: number,
	draw: (random: () => number) => number,
	truth: number,
	trials: number,
	seed: number,
): {covered: number; unbounded: number} {
	const random = seededRandom(seed);
	let covered = 0;
	let unbounded = 0;
	for (let trial = 0; trial < trials; trial++) {
		const sample = Array.from({length: n}, () => draw(random)).sort((a, b) => a - b);
		const interval = percentileInterval(sample, percent);
		if (interval.upper === null) unbounded++;
		if ((interval.lower ?? -Infinity) <= truth && truth <= (interval.upper ?? Infinity)) covered++;
	}

	return {covered: covered / trials, unbounded};
}

test('distribution helpers match tabulated values', t => {
	t.true(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-5);
	t.true(Math.abs(normalQuantile(0.01) + 2.326348) < 1e-5);
	t.true(Math.abs(chiSquareQuantile(0.025, 2) - 0.050636) < 1e-4);
	t.true(Math.abs(chiSquareQuantile(0.975, 66) - 90.3489) < 1e-3);
	t.true(Math.abs(tQuantile(0.975, 10) - 2.228) < 2e-3);
	t.true(Math.abs(binomialCdf(3, 10, 0.5) - 0.171875) < 1e-9);
});

test('a 95 % percentile interval covers the true p50, p90 and p95 at least 95 % of the time (exponential and lognormal, seeded)', t => {
	for (const [n, percent] of [
		[32, 50],
		[64, 90],
		[128, 95],
		[400, 99],
	] as const) {
		const p = percent / 100;
		const exp = coverage(n, percent, exponential, exponentialQuantile(p), 2000, 7 + n);
		const logn = coverage(n, percent, lognormal, lognormalQuantile(p), 2000, 11 + n);
		// Order-statistic intervals are conservative: at least the nominal level (less 1 % simulation error), never absurdly wider.
		for (const {covered} of [exp, logn]) {
			t.true(covered >= 0.94, `n=${n} p${percent}: coverage ${covered}`);
			t.true(covered <= 0.995, `n=${n} p${percent}: coverage ${covered} is too conservative`);
		}
	}
});

test('p99 from 32 samples has no upper bound: the interval reaches past the maximum', t => {
	const sample = Array.from({length: 32}, (_, i) => i + 1);
	const interval = percentileInterval(sample, 99);
	t.is(interval.upper, null);
	t.true(interval.tooFew);
	t.is(interval.samples, 32);
	// 0.99^n ≤ 0.025 first at n = 368.
	t.is(interval.samplesNeeded, 368);
	t.is(samplesForUpperBound(0.99), 368);
	t.false(
		percentileInterval(
			Array.from({length: 368}, (_, i) => i),
			99,
		).tooFew,
	);
	// The lower bound still exists, so a p99 can be shown to fail from few samples.
	t.not(interval.lower, null);
});

test('ranks are the textbook ones (n = 20, median: 6th and 15th order statistics)', t => {
	t.deepEqual(quantileRanks(20, 0.5), {lowerRank: 6, upperRank: 15});
});

test('the Poisson rate interval covers the true rate about 95 % of the time', t => {
	const random = seededRandom(3);
	const rate = 10;
	const seconds = 8;
	let covered = 0;
	const trials = 2000;
	for (let trial = 0; trial < trials; trial++) {
		let clock = 0;
		let count = 0;
		for (;;) {
			clock += exponential(random) / rate;
			if (clock > seconds) break;
			count++;
		}

		const interval = rateInterval(count, seconds);
		if (interval.lower! <= rate && rate <= interval.upper!) covered++;
	}

	const share = covered / trials;
	t.true(share >= 0.94 && share <= 0.985, `coverage ${share}`);
	t.is(rateInterval(0, 1).lower, 0);
	t.is(rateInterval(5, 0).upper, null);
});

test('the t interval on a mean covers about 95 % for normal data; Wilson brackets the proportion', t => {
	const random = seededRandom(5);
	const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	let covered = 0;
	for (let trial = 0; trial < 2000; trial++) {
		const interval = meanInterval(Array.from({length: 12}, () => 3 + normal()));
		if (interval.lower! <= 3 && 3 <= interval.upper!) covered++;
	}

	t.true(covered / 2000 >= 0.935 && covered / 2000 <= 0.965, `coverage ${covered / 2000}`);
	t.is(meanInterval([1]).lower, null);
	const wilson = proportionInterval(32, 32);
	t.true(wilson.upper! > 0.9999);
	t.true(wilson.lower! > 0.85 && wilson.lower! < 0.9);
});

test('overlap treats a missing bound as unbounded', t => {
	t.true(overlaps({lower: 1, upper: 2}, {lower: 2, upper: 3}));
	t.false(overlaps({lower: 1, upper: 2}, {lower: 2.1, upper: 3}));
	t.true(overlaps({lower: 1, upper: null}, {lower: 50, upper: 60}));
	t.false(overlaps({lower: 10, upper: null}, {lower: 1, upper: 9}));
});
