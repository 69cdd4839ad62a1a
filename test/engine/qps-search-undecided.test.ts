import test from 'ava';
import {searchQps} from '../../source/engine/qps-search.js';
import type {SlaOutcome} from '../../source/sla/verdict.js';

/** A fake server whose capacity is `knee` req/s; rates within `fuzz` of it stay undecided until `settle` batches are pooled. */
function fakeServer(knee: number, fuzz: number, settle: number) {
	const measured: Array<{rate: number; batch: number}> = [];
	const verdict = (rate: number, batches: number): SlaOutcome => {
		if (Math.abs(rate - knee) <= fuzz && batches < settle) return 'undecided';
		return rate <= knee ? 'pass' : 'fail';
	};

	return {
		measured,
		measure: async (rate: number) => {
			measured.push({rate, batch: 0});
			return {passed: null, outcome: verdict(rate, 1), measurement: 1};
		},
		more: {
			extend: async (rate: number, _round: number, previous: number, batch: number) => {
				measured.push({rate, batch});
				return {passed: null, outcome: verdict(rate, previous + 1), measurement: previous + 1};
			},
		},
	};
}

test('an undecided round near the knee is measured again, and its pooled verdict moves the bracket', async t => {
	const server = fakeServer(10, 0.8, 2);
	const result = await searchQps({lower: 2, upper: 18, tolerance: 0.1, maxRounds: 5, extraBatches: 2}, server.measure, server.more);
	// 2 pass, 18 fail, 10 undecided → one more batch → pass.
	const ten = result.rounds.find(round => round.requestRate === 10)!;
	t.is(ten.outcome, 'pass');
	t.is(ten.batches, 2);
	t.deepEqual(
		server.measured.filter(m => m.rate === 10),
		[
			{rate: 10, batch: 0},
			{rate: 10, batch: 1},
		],
	);
	t.is(result.bracket.extraBatches, 1);
	t.is(result.best?.requestRate ?? null, result.bracket.passedRate);
});

test('the budget bounds the extra batches; a round still undecided counts as not passed', async t => {
	const server = fakeServer(10, 20, 99);
	const result = await searchQps({lower: 2, upper: 18, tolerance: 0.1, maxRounds: 5, extraBatches: 3}, server.measure, server.more);
	t.is(result.bracket.extraBatches, 3);
	t.is(server.measured.filter(m => m.batch > 0).length, 3);
	t.is(result.rounds[0]!.outcome, 'undecided');
	t.is(result.best, null);
	t.is(result.bracket.passedRate, null);
});

test('a search that runs out of rounds reports its bracket as not converged', async t => {
	const server = fakeServer(7.3, 0, 1);
	const result = await searchQps({lower: 1, upper: 16, tolerance: 0.01, maxRounds: 4, extraBatches: 0}, server.measure, server.more);
	t.is(result.rounds.length, 4);
	t.false(result.bracket.converged);
	t.true(result.bracket.passedRate! <= 7.3);
	t.true(result.bracket.failedRate! > 7.3);
	const easy = await searchQps({lower: 1, upper: 16, tolerance: 0.01, maxRounds: 4}, async () => ({passed: true, measurement: 0}));
	t.true(easy.bracket.converged);
	t.is(easy.bracket.failedRate, null);
});

test('worth() stops extra batches that could never decide', async t => {
	const server = fakeServer(10, 20, 99);
	const result = await searchQps({lower: 2, upper: 18, tolerance: 0.1, maxRounds: 5, extraBatches: 3}, server.measure, {...server.more, worth: () => false});
	t.is(result.bracket.extraBatches, 0);
	t.is(server.measured.length, 1);
});
