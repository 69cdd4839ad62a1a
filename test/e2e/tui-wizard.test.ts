import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {parse} from 'yaml';
import {cliPath} from '../helpers/run-cli.js';

/**
 * The guided inputs in a real terminal (tmux, 100×30): from scratch, with a ShareGPT file and the
 * bad values operators type (a missing model path, GPU 0 twice, precision int3, quantization
 * banana, a repeated scenario name, min_success_rate 1.5), each refused with the plan's reason and
 * fixed with Ctrl-U / Ctrl-W, ending in a plan that validates and reaches preflight. Every wait
 * polls capture-pane against a generous deadline; the tmux session and files are always removed.
 */

const session = `llm-bench-wizard-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
const pane = () => tmux('capture-pane', '-p', '-t', session);
const keys = (...k: string[]) => tmux('send-keys', '-t', session, ...k);
const type = (text: string) => tmux('send-keys', '-t', session, '-l', text);
const sleep = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor(match: RegExp, timeoutMs = 30_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		last = pane();
		if (match.test(last)) return last;
		await sleep(200);
	}

	throw new Error(`timed out after ${timeoutMs} ms waiting for ${match}; the screen was:\n${last}`);
}

/** Waits for the step, types a bad value, expects its reason, clears it, then types (or accepts) a good one. */
async function step(label: RegExp, bad: string | null, reason: RegExp | null, good: string | null) {
	await waitFor(label);
	if (bad !== null) {
		type(bad);
		await waitFor(reason!);
		keys('C-u');
		await waitFor(/✔ ok/);
	}

	if (good !== null) type(good);
	keys('Enter');
}

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

test.serial('the wizard with a ShareGPT file and bad values ends in a valid plan', async t => {
	t.timeout(240_000);
	if (!hasTmux) {
		t.fail('tmux is not installed (apt-get install -y tmux)');
		return;
	}

	const dir = mkdtempSync(path.join(os.tmpdir(), 'llm-bench-wizard-'));
	const data = path.join(dir, 'sharegpt.json');
	writeFileSync(
		data,
		JSON.stringify(
			Array.from({length: 6}, (_, i) => ({
				conversations: [
					{from: 'human', value: `Prompt ${i + 1}: explain paged attention`},
					{from: 'gpt', value: 'It splits the KV cache into blocks. '.repeat(i + 2)},
				],
			})),
		),
	);
	tmux(
		'new-session',
		'-d',
		'-s',
		session,
		'-x',
		'100',
		'-y',
		'30',
		`cd ${dir} && CI=false TERM=xterm-256color ${process.execPath} ${cliPath} --output-dir ${dir}/out; echo WIZARD-EXIT-$?; sleep 600`,
	);
	try {
		await waitFor(/Guided inputs · step 1 of 14/, 90_000);
		// CI=false means "not CI": the screens keep their colours (chalk alone would turn them off).
		t.regex(tmux('capture-pane', '-p', '-e', '-t', session), /\u001B\[(3[0-7]|9[0-7]|38;5;\d+)m/, 'coloured output under CI=false');
		await step(/Start from/, null, null, 'scratch');
		await step(/Model path or Hugging Face id/, '/no/such/model-dir', /no such directory \/no\/such\/model-dir/, 'Qwen/Qwen3-8B');
		// The tokenizer follows the model.
		const tokenizer = await waitFor(/Tokenizer/);
		t.regex(tokenizer, /❯ Qwen\/Qwen3-8B/);
		keys('Enter');
		await step(/Frameworks/, null, null, null);
		await step(/GPU ids/, '0,0', /GPU 0 is listed twice/, null);
		await step(/^Precision/m, 'int3', /pick a precision/, null);
		await step(/^Quantization/m, 'banana', /pick a quantization/, null);
		await step(/^Endpoint/m, null, null, null);
		await step(/Workload source/, null, null, 'sharegpt');
		// The dataset step appears for a ShareGPT workload, with a preview of the first three requests.
		await waitFor(/Dataset file \(ShareGPT JSON or JSONL\)/);
		t.regex(pane(), /step 10 of 15/);
		type(path.join(dir, 'missing.json'));
		await waitFor(/no such file/);
		keys('C-u');
		type(data);
		const preview = await waitFor(/first 3 requests of/);
		t.regex(preview, /1\. "Prompt 1: explain paged attention" → output_len \d+/);
		t.notRegex(preview, /Prompt 4/);
		keys('Enter');
		// A repeated scenario name, fixed by erasing the last word (Ctrl-W) and retyping it.
		await waitFor(/Scenarios \(name:input_len:output_len/);
		keys('C-u');
		type('chat:128:32,chat:64:16');
		await waitFor(/duplicate scenario name 'chat'/);
		keys('C-w', 'C-w', 'C-w');
		type('short:64:16');
		await waitFor(/✔ ok/);
		keys('Enter');
		await step(/^SLA/m, 'max_p99_ttft_ms=2000,min_success_rate=1.5', /min_success_rate is a fraction/, 'max_p99_ttft_ms=2000,min_success_rate=0.99');
		await step(/Search tier/, null, null, 'smoke');
		await step(/^Recipe/m, null, null, 'simulated');
		await step(/Output directory/, null, null, null);
		const manifest = await waitFor(/Version manifest[\s\S]*enter writes the plan/);
		t.regex(manifest, /datasetPath\s+\S*sharegpt\.json/);
		keys('Enter');
		await waitFor(/^Preflight |press enter to (start|run anyway)/m, 120_000);
		const written = readdirSync(path.join(dir, 'out')).filter(name => /^plan-.*\.yaml$/.test(name));
		t.is(written.length, 1, 'one plan written');
		const planFile = path.join(dir, 'out', written[0]!);
		const plan = parse(readFileSync(planFile, 'utf8')) as {dataset: {kind: string; path: string; scenario_names: string[]}; sla: Record<string, number>};
		t.is(plan.dataset.kind, 'sharegpt');
		t.is(plan.dataset.path, data);
		t.deepEqual(plan.dataset.scenario_names, ['chat', 'short']);
		t.is(plan.sla.min_success_rate, 0.99);
		const validate = spawnSync(process.execPath, [cliPath, 'validate', planFile], {encoding: 'utf8'});
		t.is(validate.status, 0, `${validate.stdout}${validate.stderr}`);
	} finally {
		spawnSync('tmux', ['kill-session', '-t', session]);
		rmSync(dir, {recursive: true, force: true});
	}
});
