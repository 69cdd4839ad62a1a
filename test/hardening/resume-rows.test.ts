import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {createRunArtifacts, insideRunDir} from '../../source/engine/artifacts.js';
import {identityDifferences, planIdentity} from '../../source/engine/plan-identity.js';
import {createRedactor} from '../../source/engine/redact.js';
import {loadDoneRows} from '../../source/engine/resume-run.js';
import {loadPlan} from '../../source/config/load-plan.js';
import {makeRow} from '../report/make-row.js';
import {smallPlan, tempDir} from '../engine/sim-fixture.js';

test('resume moves garbage lines of results.jsonl aside (results.jsonl.corrupt) with a warning, keeps every real row', t => {
	const dir = tempDir('corrupt');
	const good = [makeRow({candidate_id: 'vllm-00-baseline'}), makeRow({candidate_id: 'vllm-01-x'})];
	const garbage = ['not json at all', '{"run_id": "r", "status": "weird"}', '[1, 2, 3]'];
	const torn = JSON.stringify(good[0]).slice(0, 40);
	fs.writeFileSync(path.join(dir, 'results.jsonl'), [JSON.stringify(good[0]), garbage[0], JSON.stringify(good[1]), garbage[1], garbage[2], torn].join('\n'));
	const warnings: string[] = [];
	const rows = loadDoneRows(dir, message => warnings.push(message));
	t.deepEqual(
		rows.map(row => row.candidate_id),
		['vllm-00-baseline', 'vllm-01-x'],
	);
	t.is(warnings.length, 1);
	t.regex(warnings[0]!, /4 line\(s\) of results\.jsonl are not result rows \(line 2: not JSON; line 4: not a result row/);
	t.deepEqual(fs.readFileSync(path.join(dir, 'results.jsonl.corrupt'), 'utf8').trimEnd().split('\n'), [...garbage, torn]);
	// The file left behind is only rows: `report` reads it without complaint.
	t.is(fs.readFileSync(path.join(dir, 'results.jsonl'), 'utf8'), `${rows.map(row => JSON.stringify(row)).join('\n')}\n`);
	t.is(loadDoneRows(dir, message => warnings.push(message)).length, 2);
	t.is(warnings.length, 1, 'a clean file gives no warning');
});

test('no artifact path leaves the run directory', t => {
	const dir = tempDir('inside');
	const artifacts = createRunArtifacts(path.join(dir, 'run'), createRedactor({}));
	t.throws(() => artifacts.writeText('../../outside.txt', 'x'), {message: /leaves the run directory/});
	t.throws(() => artifacts.path('workload', '../../../tmp/x.jsonl'), {message: /leaves the run directory/});
	t.throws(() => artifacts.candidateDir('vllm', '../../escape'), {message: /leaves the run directory/});
	t.false(fs.existsSync(path.join(dir, 'outside.txt')));
	t.is(insideRunDir('/r/run', 'vllm', 'c', 'server.log'), '/r/run/vllm/c/server.log');
});

test('plan identity: the same plan matches; a changed model, prompt count or SLA is listed', async t => {
	const dir = tempDir('identity');
	const load = async (text: string) => {
		fs.writeFileSync(path.join(dir, 'p.yaml'), text);
		return (await loadPlan(path.join(dir, 'p.yaml'))).plan!;
	};
	const redact = createRedactor({});
	const before = planIdentity(await load(smallPlan()), redact);
	t.deepEqual(identityDifferences(before, planIdentity(await load(smallPlan()), redact)), []);
	const changed = smallPlan()
		.replace('num_prompts: 6', 'num_prompts: 7')
		.replace('max_p50_ttft_ms: 5000', 'max_p50_ttft_ms: 300')
		.replace('Qwen/Qwen3-8B', 'Qwen/Qwen3-4B');
	t.deepEqual(identityDifferences(before, planIdentity(await load(changed), redact)), [
		'dataset.num_prompts: 6 → 7',
		'model: "Qwen/Qwen3-8B" → "Qwen/Qwen3-4B"',
		'sla.max_p50_ttft_ms: 5000 → 300',
	]);
});
