import test from 'ava';
import {mean, percentile, std} from '../../source/bench/stats.js';

// Reference values from numpy 1.x: np.percentile(a, p) (linear) and np.std(a) (ddof=0).
const sample = [3, 1, 4, 1, 5, 9, 2, 6];

test('percentiles match numpy linear interpolation', t => {
	const expected: Record<number, number> = {50: 3.5, 90: 6.9, 95: 7.95, 99: 8.79};
	for (const [p, value] of Object.entries(expected)) {
		t.true(Math.abs(percentile(sample, Number(p))! - value) < 1e-9, `p${p}`);
	}
	t.is(percentile([7], 99), 7);
	t.is(percentile(sample, 0), 1);
	t.is(percentile(sample, 100), 9);
});

test('std is the population std, mean is plain', t => {
	t.true(Math.abs(std(sample)! - 2.5708704751503917) < 1e-12);
	t.is(mean(sample), 31 / 8);
});

test('empty input is a missing value, not 0', t => {
	t.is(percentile([], 50), null);
	t.is(mean([]), null);
	t.is(std([]), null);
});
