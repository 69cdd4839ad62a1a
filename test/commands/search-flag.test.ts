import path from 'node:path';
import test from 'ava';
import {loadRunInputs} from '../../source/commands/load-run-inputs.js';
import {parseRunArgs} from '../../source/commands/run-args.js';
import {UsageError} from '../../source/errors.js';
import {smallPlan, tempDir, writePlan} from '../engine/sim-fixture.js';

test('--search: exhaustive or adaptive, anything else a usage error naming the key; it overrides the plan', async t => {
	const allowed = ['recipe', 'search'] as const;
	t.is(parseRunArgs('run', 'usage', ['plan.yaml', '--search', 'adaptive'], allowed).search, 'adaptive');
	t.is(parseRunArgs('run', 'usage', ['plan.yaml'], allowed).search, undefined);
	const error = t.throws(() => parseRunArgs('run', 'usage', ['plan.yaml', '--search', 'bayes'], allowed), {instanceOf: UsageError});
	t.regex(error?.message ?? '', /--search 'bayes': must be exhaustive or adaptive \(docs\/config\.md, search\.strategy\)/);
	const dir = tempDir('search-flag');
	const planFile = writePlan(dir, smallPlan());
	t.is((await loadRunInputs({planFile, outputDir: path.join(dir, 'runs')})).plan.search.strategy, 'exhaustive', 'the default');
	t.is((await loadRunInputs({planFile, outputDir: path.join(dir, 'runs'), search: 'adaptive'})).plan.search.strategy, 'adaptive');
	const adaptivePlan = writePlan(dir, smallPlan().replace('search:\n', 'search:\n  strategy: adaptive\n'));
	t.is((await loadRunInputs({planFile: adaptivePlan, outputDir: path.join(dir, 'runs')})).plan.search.strategy, 'adaptive');
	t.is((await loadRunInputs({planFile: adaptivePlan, outputDir: path.join(dir, 'runs'), search: 'exhaustive'})).plan.search.strategy, 'exhaustive');
});
