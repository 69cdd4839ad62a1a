import test from 'ava';
import {searchQps} from '../../source/engine/qps-search.js';
import {detectSaturation as detect, saturationRule, type SaturationRule} from '../../source/server-metrics/saturation.js';

type SaturationPoint = {s: number; queue: number; completed: number};
// Server readings and client reports at the same instants (the engine feeds them separately).
const detectSaturation = (points: SaturationPoint[], rule: SaturationRule, offered: number) => detect(points, points, rule, offered);

/** One reading per server second: arrivals at `offered` req/s, the server completes `served` req/s once warm. */
function timeline(seconds: number, offered: number, served: number, warmS = 2): SaturationPoint[] {
	const points: SaturationPoint[] = [];
	for (let s = 0; s <= seconds; s++) {
		const completed = Math.max(0, Math.floor((s - warmS) * served));
		const arrived = Math.floor(s * offered);
		points.push({s, queue: Math.max(0, arrived - completed - served * warmS), completed});
	}

	return points;
}

test('a queue that keeps growing while completions stay flat is saturation, with the sustained rate', t => {
	const rule = saturationRule(400, 16, 1);
	const verdict = detectSaturation(timeline(12, 16, 5), rule, 16);
	t.truthy(verdict);
	t.is(verdict!.completedRate, 5);
	t.regex(verdict!.reason, /^saturated: the queue grew from \d+ to \d+ over [\d.]+ s while completions stayed at ~5 req\/s \(offered 16 req\/s\)/);
});

test('a server that keeps up is never saturated, nor is the ramp-up before anything completed', t => {
	const rule = saturationRule(400, 4, 1);
	t.is(detectSaturation(timeline(25, 4, 5), rule, 4), null);
	// Warm-up: the queue grows for 6 s before the first completion; that alone is not saturation.
	t.is(detectSaturation(timeline(6, 16, 5, 8), saturationRule(400, 16, 1), 16), null);
});

test('a burst that drains, or a queue that grew by less than the threshold, is not saturation', t => {
	const rule = saturationRule(100, 8, 1);
	const draining: SaturationPoint[] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(s => ({s, queue: s < 4 ? s * 3 : 12 - (s - 4) * 3, completed: s * 4}));
	t.is(detectSaturation(draining, rule, 8), null);
	const small: SaturationPoint[] = [0, 1, 2, 3, 4, 5].map(s => ({s, queue: Math.floor(s / 2), completed: s * 2}));
	t.is(detectSaturation(small, rule, 8), null);
});

test("the QPS search drops its upper end to a saturated round's sustained rate at once", async t => {
	const tried: number[] = [];
	// Capacity 5 req/s: any rate above it saturates and reports what it sustained.
	const result = await searchQps({lower: 1, upper: 32, tolerance: 0.05, maxRounds: 5}, async rate => {
		tried.push(rate);
		return rate <= 5 ? {passed: true, measurement: rate} : {passed: false, measurement: rate, ceiling: 5};
	});
	// Plain bisection would go 1, 32, 16.5, 8.75, 4.875; the ceiling brings the third round under 5.25.
	t.deepEqual(tried.slice(0, 2), [1, 32]);
	t.true(tried[2]! <= 5.25, `third round at ${tried[2]}`);
	t.true(result.best!.requestRate > 4.5, `best ${result.best?.requestRate}`);
});
