import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {render} from 'ink-testing-library';
import {loadPlanText} from '../../source/config/load-plan.js';
import {UserError} from '../../source/errors.js';
import type {Session} from '../../source/engine/session-types.js';
import {Root} from '../../source/ui/app/root.js';
import {GuidedPlanInvalid, type GuideSetup} from '../../source/ui/guide-inputs.js';
import {buildPlanYaml} from '../../source/ui/wizard/build-plan.js';
import {defaultsFrom, sourceDocument} from '../../source/ui/wizard/plan-defaults.js';
import {Wizard} from '../../source/ui/wizard/wizard.js';
import {buildFields, type WizardValues} from '../../source/ui/wizard/wizard-fields.js';
import {initialWizardState, wizardReduce, type WizardAction} from '../../source/ui/wizard/wizard-state.js';
import {chunkActions} from '../../source/ui/wizard/wizard-view.js';
import {tick, waitFor} from '../helpers/wait-for.js';

const fields = buildFields(['scratch']);
const defaults: WizardValues = defaultsFrom('scratch', sourceDocument('scratch'), {gpuIds: [0], recipe: 'simulated', outputDir: './runs'});
const strip = (frame = '') => frame.replace(/\u001B\[[0-9;]*m/g, '');
const at = (key: string) => fields.findIndex(field => field.key === key);

function reduceAll(actions: readonly WizardAction[], state = initialWizardState(defaults)) {
	return actions.reduce((current, action) => wizardReduce(fields, current, action), state);
}

/** The state at `key`'s step, reached with Enter through the defaults. */
function stepTo(key: string, values: WizardValues = defaults) {
	let state = initialWizardState(values);
	while (fields[state.step]!.key !== key) state = wizardReduce(fields, state, {type: 'submit'});
	return state;
}

test('every key of one read counts: five Backspaces, text + Enter, Ctrl-U, Ctrl-W', t => {
	t.deepEqual(chunkActions('\u007F'.repeat(5)), Array.from({length: 5}, () => ({type: 'backspace'})));
	t.deepEqual(chunkActions('Qwen/Qwen3-32B\r'), [{type: 'type', text: 'Qwen/Qwen3-32B'}, {type: 'submit'}]);
	t.deepEqual(chunkActions('ab\u0015cd\u0017e\n'), [{type: 'type', text: 'ab'}, {type: 'clear'}, {type: 'type', text: 'cd'}, {type: 'delete-word'}, {type: 'type', text: 'e'}, {type: 'submit'}]);
	const model = stepTo('model');
	t.is(reduceAll([{type: 'type', text: 'Qwen/Qwen3-32B'}, ...chunkActions('\u007F'.repeat(5))], model).draft, 'Qwen/Qwen');
	t.is(reduceAll([{type: 'type', text: 'org/some-model'}, {type: 'delete-word'}], model).draft, 'org/');
	t.is(reduceAll([{type: 'type', text: 'org/some-model'}, {type: 'clear'}], model).edited, false, 'Ctrl-U brings the default back');
});

test('in the running wizard: a chunk of Backspaces deletes them all, pasted text + Enter submits', async t => {
	const {lastFrame, stdin, unmount} = render(<Wizard fields={fields} initial={defaults} gpus={[]} manifest={() => ''} defaultsFor={() => defaults} onDone={() => undefined} />);
	await tick();
	stdin.write('\r');
	t.true(await waitFor(() => strip(lastFrame()).includes('Model path or Hugging Face id')));
	stdin.write('Qwen/Qwen3-32B');
	await tick();
	stdin.write('\u007F\u007F\u007F\u007F\u007F');
	t.true(await waitFor(() => /❯ Qwen\/Qwen *\n/.test(strip(lastFrame()))), strip(lastFrame()));
	stdin.write('\u0015');
	stdin.write('meta-llama/Llama-3.1-8B-Instruct\r');
	t.true(await waitFor(() => strip(lastFrame()).includes('Tokenizer')), strip(lastFrame()));
	t.true(strip(lastFrame()).includes('meta-llama/Llama-3.1-8B-Instruct'), 'the tokenizer follows the new model');
	unmount();
});

test('the plan\'s own rules: duplicate scenarios, min_success_rate 1.5, precision int3, quantization banana, a missing model path, GPU 0 twice', t => {
	const typed = (key: string, text: string) => reduceAll([{type: 'type', text}], stepTo(key)).error;
	t.regex(typed('scenarios', 'chat:100:10,chat:200:20')!, /duplicate scenario name 'chat'/);
	t.regex(typed('sla', 'max_p99_ttft_ms=500,min_success_rate=1.5')!, /min_success_rate is a fraction: must be between 0 and 1, got 1.5/);
	t.regex(typed('sla', 'max_ttft_ms=500')!, /ambiguous SLA key/);
	t.regex(typed('precision', 'int3')!, /pick a precision/, 'nothing matches: Enter cannot accept it');
	t.is(reduceAll([{type: 'type', text: 'int3'}, {type: 'submit'}], stepTo('precision')).step, at('precision'));
	t.regex(typed('quantization', 'banana')!, /pick a quantization/);
	t.regex(typed('model', '/no/such/model-dir')!, /no such directory \/no\/such\/model-dir/);
	t.regex(typed('gpuIds', '0,0')!, /GPU 0 is listed twice/);
	t.is(typed('gpuIds', '0,1'), null);
	t.is(reduceAll([{type: 'type', text: 'bf'}, {type: 'submit'}], stepTo('precision')).values.precision, 'bf16', 'a picker: typing filters, Enter takes the highlighted choice');
});

test('the plan checks precision, quantization and repeated GPU ids with the same lists', async t => {
	const yaml = buildPlanYaml(sourceDocument('scratch'), {...defaults, precision: 'int3', quantization: 'banana'}).replace('gpu_ids:\n    - 0', 'gpu_ids:\n    - 0\n    - 0').replace('gpu_count: 1', 'gpu_count: 2');
	const {issues} = await loadPlanText(yaml, 'wizard.yaml');
	const errors = issues.filter(issue => issue.severity === 'error').map(issue => `${issue.path}: ${issue.message}`);
	t.true(errors.some(e => /^model\.precision: precision 'int3' is not known/.test(e)), errors.join('\n'));
	t.true(errors.some(e => /^model\.quantization: quantization 'banana' is not known/.test(e)));
	t.true(errors.some(e => /^hardware\.gpu_ids: GPU 0 is listed twice/.test(e)));
});

function sharegptFile(t: {teardown: (fn: () => void) => void}, content: string) {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'wizard-data-'));
	t.teardown(() => rmSync(dir, {recursive: true, force: true}));
	const file = path.join(dir, 'sharegpt.json');
	writeFileSync(file, content);
	return file;
}

const conversations = (n: number) => JSON.stringify(Array.from({length: n}, (_, i) => ({conversations: [{from: 'human', value: `Question number ${i + 1} about caching?`}, {from: 'gpt', value: 'An answer of several words here '.repeat(i + 1)}]})));

test('sharegpt adds the dataset file step with a 3-row preview; an unreadable file blocks Enter', async t => {
	const good = sharegptFile(t, conversations(5));
	const bad = sharegptFile(t, '{"not": "a list"');
	let state = stepTo('workload');
	state = reduceAll([{type: 'type', text: 'sharegpt'}, {type: 'submit'}], state);
	t.is(fields[state.step]!.key, 'datasetPath');
	const {lastFrame, stdin, unmount} = render(<Wizard fields={fields} initial={{...defaults, workload: 'sharegpt'}} gpus={[]} manifest={() => ''} defaultsFor={() => defaults} onDone={() => undefined} />);
	await tick();
	for (let i = 0; i < at('datasetPath'); i++) {
		stdin.write('\r');
		await tick();
	}

	t.true(await waitFor(() => strip(lastFrame()).includes('Dataset file')), strip(lastFrame()));
	t.true(strip(lastFrame()).includes(`step ${at('datasetPath') + 1} of 15`));
	stdin.write(bad);
	t.true(await waitFor(() => strip(lastFrame()).includes('is not valid JSON'), {timeoutMs: 5000}), strip(lastFrame()));
	stdin.write('\r');
	await tick(50);
	t.true(strip(lastFrame()).includes('Dataset file'), 'Enter does not accept a file the run could not read');
	stdin.write('\u0015');
	stdin.write(good);
	t.true(await waitFor(() => strip(lastFrame()).includes('first 3 requests of'), {timeoutMs: 5000}), strip(lastFrame()));
	const frame = strip(lastFrame());
	t.regex(frame, /1\. "Question number 1 about caching\?" → output_len \d+/);
	t.regex(frame, /3\. "Question number 3 about caching\?"/);
	t.false(frame.includes('Question number 4'));
	stdin.write('\r');
	t.true(await waitFor(() => strip(lastFrame()).includes('Scenarios')));
	unmount();
});

test('a plan that fails validation returns to the wizard at the field to fix, every answer kept', async t => {
	const setup: GuideSetup = {fields, initial: defaults, gpus: [], manifest: () => 'versions', defaultsFor: () => defaults};
	const begun: WizardValues[] = [];
	const begin = async (values: WizardValues) => {
		begun.push(values);
		throw new GuidedPlanInvalid('/tmp/plan.yaml', [{file: '/tmp/plan.yaml', path: 'sla.max_p99_ttft_ms', line: 3, message: 'a latency bound must be above 0 ms, got 0', severity: 'error'}]);
	};
	const {lastFrame, stdin, unmount} = render(<Root guide={{setup, begin: begin as (values: WizardValues) => Promise<{session: Session}>}} interactive onStage={() => undefined} />);
	await tick();
	stdin.write('\r');
	await tick();
	stdin.write('\u0015org/changed-model\r');
	for (let i = 0; i < 13; i++) {
		await tick();
		stdin.write('\r');
	}

	t.true(await waitFor(() => strip(lastFrame()).includes('Version manifest')), strip(lastFrame()));
	stdin.write('\r');
	t.true(await waitFor(() => strip(lastFrame()).includes('✘ sla.max_p99_ttft_ms: a latency bound must be above 0 ms, got 0')), strip(lastFrame()));
	t.true(strip(lastFrame()).includes('SLA (key=value'), 'back at the SLA step');
	t.is(begun[0]?.model, 'org/changed-model');
	// Every other answer is still there: Enter through to the confirmation shows the changed model.
	for (let i = 0; i < 4; i++) {
		await tick(50);
		stdin.write('\r');
	}

	t.true(await waitFor(() => strip(lastFrame()).includes('org/changed-model')), strip(lastFrame()));
	unmount();
	t.true(new GuidedPlanInvalid('x', []) instanceof UserError);
});
