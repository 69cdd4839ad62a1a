import test from 'ava';
import {render} from 'ink-testing-library';
import {reduceAll} from '../../source/engine/reduce.js';
import type {Manifest} from '../../source/results/manifest.js';
import {Text} from 'ink';
import type {RunState} from '../../source/engine/run-state.js';
import {useResultsLines} from '../../source/ui/final/results-document.js';
import {demoEvents, stamp} from '../helpers/demo-events.js';

/** What the engine emits after preflight; a remote viewer has nothing else to read it from. */
const manifest: Manifest = {
	run_id: 'demo-run',
	run_dir: '/nowhere/on/this/machine',
	plan_file: 'configs/demo-plan.yaml',
	recipe: 'simulated',
	model: 'Qwen/Qwen3-8B-from-the-manifest',
	simulated: true,
	hardware: {gpu_model: 'NVIDIA H100 80GB HBM3', gpu_count: 1, visible_devices: '0', driver_version: '570.86.15', cuda_version: '12.8'},
	frameworks: {},
	sla: {max_p99_ttft_ms: 5000},
	workload: {kind: 'random', endpoint: '/v1/completions', num_prompts: 6, synthetic: true, scenarios: [], qps: {lower: 1, upper: 4, tolerance: 0.5, max_rounds: 2}},
	notes: [],
};

/** The results screen's document, as the app renders it from the run state. */
function Results({state}: {readonly state: RunState}) {
	const lines = useResultsLines(state, 140, 40, true);
	return <Text>{(lines ?? ['(not rendered yet)']).join('\n')}</Text>;
}

test('manifest-written folds into the state, and the results screen takes its context from it (no file)', async t => {
	const events = demoEvents();
	const at = events.findIndex(event => event.type === 'plan-ready');
	const withManifest = [...events.slice(0, at), ...stamp([{type: 'manifest-written', manifest}]), ...events.slice(at)];
	const state = reduceAll(withManifest);
	t.deepEqual(state.manifest, manifest);
	t.is(reduceAll(events).manifest, null);
	const {lastFrame, unmount} = render(<Results state={state} />);
	await new Promise(resolve => setTimeout(resolve, 100));
	const frame = lastFrame() ?? '';
	unmount();
	t.regex(frame, /Qwen3-8B-from-the-manifest|570\.86\.15/, 'a figure only the manifest holds is on screen');
	t.notRegex(frame, /reading the run manifest/);
});
