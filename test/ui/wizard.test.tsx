import test from 'ava';
import {render} from 'ink-testing-library';
import {Wizard} from '../../source/ui/wizard/wizard.js';
import {buildFields, type WizardValues} from '../../source/ui/wizard/wizard-fields.js';
import {initialWizardState, shownSteps, wizardReduce} from '../../source/ui/wizard/wizard-state.js';
import {buildPlanYaml} from '../../source/ui/wizard/build-plan.js';
import {defaultsFrom, sourceDocument} from '../../source/ui/wizard/plan-defaults.js';
import {loadPlanText} from '../../source/config/load-plan.js';
import {tick, waitFor} from '../helpers/wait-for.js';

const fields = buildFields(['scratch', 'other.yaml']);
const defaults: WizardValues = defaultsFrom('scratch', sourceDocument('scratch'), {gpuIds: [0], recipe: 'simulated', outputDir: './runs'});
const strip = (frame = '') => frame.replace(/\u001B\[[0-9;]*m/g, '');

test('every field is validated as typed, with the reason', t => {
	let state = initialWizardState(defaults);
	const steps = (n: number) => {
		for (let i = 0; i < n; i++) state = wizardReduce(fields, state, {type: 'submit'});
	};

	steps(3);
	t.is(fields[state.step]!.key, 'frameworks');
	state = wizardReduce(fields, state, {type: 'type', text: 'sglang,vlm'});
	t.regex(state.error!, /'vlm' is not a valid framework/);
	state = wizardReduce(fields, state, {type: 'submit'});
	t.is(fields[state.step]!.key, 'frameworks', 'an invalid value does not advance');
	state = wizardReduce(fields, state, {type: 'backspace'});
	state = wizardReduce(fields, state, {type: 'type', text: 'lm'});
	t.is(state.error, null);
	steps(1);
	state = wizardReduce(fields, state, {type: 'type', text: '0,x'});
	t.regex(state.error!, /'x' is not a valid GPU id/);
});

test('choice fields filter as typed and move with the arrows', t => {
	let state = initialWizardState(defaults);
	state = wizardReduce(fields, state, {type: 'type', text: 'oth'});
	state = wizardReduce(fields, state, {type: 'submit'});
	t.is(state.values.source, 'other.yaml');
});

test('enter through every default reaches the manifest confirmation, then done', t => {
	let state = initialWizardState(defaults);
	// The dataset file step is asked only for sharegpt/jsonl: 14 steps for a random workload.
	t.is(shownSteps(fields, defaults).length, 14);
	for (let i = 0; i < 14; i++) state = wizardReduce(fields, state, {type: 'submit'});
	t.true(state.confirming);
	t.false(state.done);
	state = wizardReduce(fields, state, {type: 'submit'});
	t.true(state.done);
	t.deepEqual(state.values, defaults);
});

test('the plan written from the defaults validates with the config loader', async t => {
	const yaml = buildPlanYaml(sourceDocument('scratch'), {...defaults, tier: 'default', sla: 'max_p99_ttft_ms=1500,min_success_rate=0.99'});
	const {plan, issues} = await loadPlanText(yaml, 'wizard.yaml');
	t.deepEqual(issues.filter(issue => issue.severity === 'error'), []);
	t.is(plan?.search.maxCandidatesPerFramework, 8);
	t.deepEqual(plan?.sla, {max_p99_ttft_ms: 1500, min_success_rate: 0.99});
	t.deepEqual(plan?.hardware.gpuIds, [0]);
});

test('the wizard view: a step with its reason, and Enter through to the confirmation', async t => {
	let result: WizardValues | null | undefined;
	const {lastFrame, stdin, unmount} = render(
		<Wizard fields={fields} initial={defaults} gpus={[{index: 0, name: 'H100', memoryUsedMiB: 50_000, memoryTotalMiB: 81_000, busy: true}]} manifest={() => 'versions: queried in preflight'} defaultsFor={() => defaults} onDone={values => (result = values)} />,
	);
	await tick();
	t.true(strip(lastFrame()).includes('step 1 of 14'));
	t.true(strip(lastFrame()).includes('❯ scratch'));
	for (let i = 0; i < 4; i++) {
		stdin.write('\r');
		await tick();
	}

	t.true(await waitFor(() => strip(lastFrame()).includes('GPU ids')));
	t.true(strip(lastFrame()).includes('GPU0 H100 49/79 GiB · busy (other processes)'));
	stdin.write('x');
	t.true(await waitFor(() => strip(lastFrame()).includes("✘ 'x' is not a valid GPU id")));
	stdin.write('\u007F');
	await tick();
	for (let i = 0; i < 10; i++) {
		stdin.write('\r');
		await tick();
	}

	t.true(await waitFor(() => strip(lastFrame()).includes('Version manifest')));
	t.true(strip(lastFrame()).includes('versions: queried in preflight'));
	stdin.write('\r');
	t.true(await waitFor(() => result !== undefined));
	t.is(result?.recipe, 'simulated');
	unmount();
});
