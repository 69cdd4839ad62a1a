import test from 'ava';
import {arrivalOffsetsMs, gamma, seededRandom} from '../../source/bench/arrivals.js';

function gaps(offsets: readonly number[]): number[] {
	return offsets.map((offset, index) => offset - (index === 0 ? 0 : offsets[index - 1]!));
}

function cv(values: readonly number[]): number {
	const m = values.reduce((a, b) => a + b, 0) / values.length;
	const variance = values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length;
	return Math.sqrt(variance) / m;
}

test('Poisson schedule: last arrival at N/rate, exponential-looking gaps, deterministic', t => {
	const offsets = arrivalOffsetsMs(2000, 50, 1, 7);
	t.true(Math.abs(offsets.at(-1)! - 40_000) < 1e-6);
	t.deepEqual(offsets, arrivalOffsetsMs(2000, 50, 1, 7));
	t.notDeepEqual(offsets, arrivalOffsetsMs(2000, 50, 1, 8));
	// Exponential gaps have coefficient of variation 1; generous bounds.
	const c = cv(gaps(offsets));
	t.true(c > 0.85 && c < 1.15, `cv ${c}`);
	t.true(offsets.every((offset, index) => index === 0 || offset >= offsets[index - 1]!));
});

test('burstiness shapes the gaps, infinite rate is a burst', t => {
	t.true(cv(gaps(arrivalOffsetsMs(2000, 50, 4, 1))) < 0.65); // gamma(4): cv 0.5
	t.true(cv(gaps(arrivalOffsetsMs(2000, 50, 0.25, 1))) > 1.5); // gamma(0.25): cv 2
	t.deepEqual(arrivalOffsetsMs(3, Number.POSITIVE_INFINITY), [0, 0, 0]);
	const even = gaps(arrivalOffsetsMs(4, 10, Number.POSITIVE_INFINITY));
	t.true(even.every(gap => Math.abs(gap - 100) < 1e-9));
});

test('gamma sampler has the right mean', t => {
	const random = seededRandom(3);
	let sum = 0;
	for (let index = 0; index < 20_000; index++) sum += gamma(random, 2.5);
	t.true(Math.abs(sum / 20_000 - 2.5) < 0.1);
});
