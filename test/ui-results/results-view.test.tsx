import path from 'node:path';
import test from 'ava';
import {render} from 'ink-testing-library';
import {loadRows} from '../../source/report/load-rows.js';
import {loadContextBeside} from '../../source/report/report-context.js';
import {pickWinners} from '../../source/report/winners.js';
import {ResultsView} from '../../source/ui/results/results-view.js';
import {repoRoot} from '../helpers/run-cli.js';
import {makeRow} from '../report/make-row.js';
import {unwrapCommand} from '../../source/ui/results/wrap-command.js';

const fixture = path.join(repoRoot, 'test/fixtures/rows/three-frameworks/results.jsonl');
// Undo the view's ` \` + newline + indent wrapping, so a wrapped command reads as one line again.
const unwrap = (frame: string) => frame.replaceAll(' \\\n  ', ' ');

async function renderFixture(width = 100) {
	const rows = await loadRows([fixture]);
	const view = render(<ResultsView rows={rows} context={await loadContextBeside(fixture)} width={width} />);
	const frame = view.lastFrame() ?? '';
	view.unmount();
	return {rows, frame};
}

test('at 100 columns no line is wider than the terminal', async t => {
	const {frame} = await renderFixture();
	const widest = Math.max(...frame.split('\n').map(line => line.length));
	t.true(widest <= 100, `widest line is ${widest}`);
	t.regex(frame, /# +framework +candidate +rate +req\/s/);
});

test('every winner command is present in full, however long', async t => {
	const {rows, frame} = await renderFixture();
	const text = unwrap(frame);
	const winners = pickWinners(rows);
	t.is(winners.length, 5);
	for (const {entry} of winners) {
		t.true(text.includes(entry.row.server_command!), `server command of ${entry.row.candidate_id}`);
		t.true(text.includes(entry.row.benchmark_command!), `benchmark command of ${entry.row.candidate_id} (${entry.row.workload.scenario})`);
	}
});

test('winners per scenario, the burst table and the failed list are all shown', async t => {
	const {frame} = await renderFixture();
	t.regex(frame, /1 +SGLang +sglang-01-chunked-prefill-size-8192 +9\.250/, 'candidate ids whole');
	t.regex(frame, /✘ TensorRT-LLM: no candidate passed the SLA/);
	t.regex(frame, /Burst throughput \(request rate inf\)/);
	t.regex(frame, /✘ SGLang chat sglang-02-max-running-requests-512 oom — torch\.OutOfMemoryError/);
	t.regex(frame, /↷ TensorRT-LLM chat tensorrt_llm-02-backend-trt skipped — backend policy/);
	t.regex(frame, /Pareto: request throughput/);
});

test('a command longer than the terminal wraps instead of being cut', t => {
	const longJson = `--speculative-config '{"method":"eagle3","model":"${'x'.repeat(40)}/EAGLE3-Qwen3-32B","num_speculative_tokens":3}'`;
	const command = `vllm serve Qwen/Qwen3-32B --tensor-parallel-size 4 ${longJson} --host 127.0.0.1 --port 8000`;
	const view = render(<ResultsView rows={[makeRow({server_command: command, candidate_id: 'vllm-07-eagle3-with-a-very-long-descriptive-candidate-identifier'})]} width={80} charts={false} />);
	const frame = view.lastFrame() ?? '';
	view.unmount();
	t.true(Math.max(...frame.split('\n').map(line => line.length)) <= 80);
	// The JSON argument is longer than a line: split only where the shell joins it back.
	const lines = frame.split('\n');
	const launch = lines.slice(lines.indexOf('launch:') + 1, lines.indexOf('benchmark:'));
	t.is(unwrapCommand(launch), command);
	t.true(frame.includes('vllm-07-eagle3-with-a-very-long-descriptive-candidate-identifier'));
});

test('a simulated run shows the banner', t => {
	const view = render(<ResultsView rows={[makeRow({hardware: {gpu_count: 4, simulated: true}})]} charts={false} />);
	t.regex(view.lastFrame() ?? '', /SIMULATED — figures are plausible, not real/);
	view.unmount();
});
