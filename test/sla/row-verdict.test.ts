import test from 'ava';
import {parseLooseBoolean, rowSlaVerdict as slaVerdict} from '../../source/sla/row-verdict.js';

test('loose booleans: the spellings people write, and nothing else', t => {
	t.deepEqual(['true', 'True', ' yes ', '1', true, 1].map(parseLooseBoolean), [true, true, true, true, true, true]);
	t.deepEqual(['false', 'FALSE', 'no', '0', false, 0].map(parseLooseBoolean), [false, false, false, false, false, false]);
	t.deepEqual(['maybe', '', null, undefined, 2].map(parseLooseBoolean), [null, null, null, null, null]);
});

test('success rate is derived from completed/failed counts when not given', t => {
	const verdict = slaVerdict({sla: {min_success_rate: 0.99}, metrics: {completed: 95, failed: 5} as never});
	t.false(verdict.passed);
	t.deepEqual(verdict.failures, ['success_rate 0.95 < 0.99']);
});

test('numeric SLA values written as strings still count; non-SLA fields are ignored', t => {
	const verdict = slaVerdict({sla: {max_p99_tpot_ms: '50', passed: 'true', note: 'tier 2'}, metrics: {p99_tpot_ms: 60} as never});
	t.false(verdict.passed);
	t.deepEqual(verdict.keys, {max_p99_tpot_ms: 50});
	t.true(verdict.recordedDisagrees);
});

test('no SLA anywhere passes, and says where the verdict came from', t => {
	const verdict = slaVerdict({sla: null, metrics: {request_throughput: 3} as never});
	t.true(verdict.passed);
	t.is(verdict.source, 'no-sla');
});
