import {existsSync, readdirSync} from 'node:fs';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {parseHelp} from '../../source/plan/help/parse-help.js';
import {validateCandidateFlags} from '../../source/plan/validate-flags.js';
import {runCli} from '../helpers/run-cli.js';

const plan = `model: {name: Qwen/Qwen3-8B}
dataset: {input_len: [1000], output_len: [500]}
sla: {max_p99_ttft_ms: 2000}
search: {max_candidates_per_framework: 10}
frameworks:
  sglang:
    base_server_flags: {tp_size: 1, context_length: 4096}
    search_space:
      chunked_prefill_size: [null, 4096]
      max_running_requests: [32, 64]
`;

/** The real SGLang capture with one option (row, description and usage entry) cut out. */
async function helpDirWithout(flag: string, metavar: string): Promise<string> {
	const text = await readFile('test/fixtures/help/sglang_launch_server_help_2026-05.txt', 'utf8');
	const lines = text.replace(`[${flag} ${metavar}] `, '').split('\n');
	const row = lines.findIndex(line => line.startsWith(`  ${flag} `));
	lines.splice(row, 2);
	const cut = lines.join('\n');
	if (cut.includes(flag)) {
		throw new Error(`${flag} still in the help text`);
	}

	const dir = await mkdtemp(path.join(tmpdir(), 'help-snapshot-'));
	await writeFile(path.join(dir, 'sglang_launch_server.txt'), cut);
	await writeFile(path.join(dir, 'plan.yaml'), plan);
	return dir;
}

test('a help snapshot without a searched flag rejects exactly the candidates that pass it', async t => {
	const dir = await helpDirWithout('--chunked-prefill-size', 'CHUNKED_PREFILL_SIZE');
	const result = await runCli(['plan', path.join(dir, 'plan.yaml'), '--format', 'json', '--help-dir', dir]);
	t.is(result.exitCode, 1, result.stderr);
	const report = JSON.parse(result.stdout) as {frameworks: {sglang: {candidates: Array<{id: string}>; rejected: Array<{id: string; reason: string}>}}};
	// Candidates: baseline, (null, 32), (null, 64), (4096, 32), (4096, 64) — null omits the flag.
	t.deepEqual(
		report.frameworks.sglang.candidates.map(candidate => candidate.id),
		['sglang-00-baseline', 'sglang-01-no-chunked-prefill-size-max-running-requests-32', 'sglang-02-no-chunked-prefill-size-max-running-requests-64'],
	);
	t.deepEqual(
		report.frameworks.sglang.rejected.map(rejected => rejected.id),
		['sglang-03-chunked-prefill-size-4096-max-running-requests-32', 'sglang-04-chunked-prefill-size-4096-max-running-requests-64'],
	);
	t.regex(report.frameworks.sglang.rejected[0]!.reason, /--chunked-prefill-size is not accepted .*captured --help.*nearest accepted: --/);
	t.regex(
		result.stderr,
		/plan\.yaml:9: frameworks\.sglang\.search_space\.chunked_prefill_size: --chunked-prefill-size is not accepted.*rejected 2 candidate\(s\): sglang-03-.*, sglang-04-/,
	);
	t.notRegex(result.stderr, /\bat .*\.(ts|js):\d+/);
});

test('validate names the misspelled flag and the nearest accepted option; a base flag fails the whole framework', async t => {
	const dir = await helpDirWithout('--chunked-prefill-size', 'CHUNKED_PREFILL_SIZE');
	const text = plan.replace('chunked_prefill_size: [null, 4096]', 'max_running_request: [16]').replace('tp_size: 1,', 'tp_sizes: 1,');
	await writeFile(path.join(dir, 'plan.yaml'), text);
	const result = await runCli(['validate', path.join(dir, 'plan.yaml'), '--help-dir', dir]);
	t.is(result.exitCode, 1);
	t.regex(result.stdout, /SGLang: flags checked against captured help .*sglang_launch_server.txt/);
	t.regex(result.stdout, /vLLM: flags checked against the bundled catalog/);
	t.regex(
		result.stdout,
		/plan\.yaml:7: frameworks\.sglang\.base_server_flags\.tp_sizes: --tp-sizes is not accepted .*nearest accepted: --tp-size; the whole framework is unsupported/,
	);
});

test('with captured help, switch/value misuse and invalid choices are reported', async t => {
	const help = parseHelp('vllm', await readFile('test/fixtures/help/vllm_serve_help_all_0.19.1.txt', 'utf8'));
	const problems = validateCandidateFlags(
		{max_num_seqs: true, enable_prefix_caching: 'yes', kv_cache_dtype: 'fp9', max_model_len: 4096, no_such_knob: 1},
		'vllm',
		help,
	);
	t.deepEqual(
		problems.map(problem => problem.flag),
		['--max-num-seqs', '--enable-prefix-caching', '--kv-cache-dtype', '--no-such-knob'],
	);
	t.regex(problems[0]!.message, /takes a value/);
	t.regex(problems[1]!.message, /is a switch/);
	t.regex(problems[2]!.message, /invalid choice "fp9".*choose from auto/);
	t.regex(problems[3]!.message, /not accepted by vllm serve \(per its captured --help\)/);
});

test('validate accepts every shipped config and, where shared/ is beside the repo, every reference config', async t => {
	const reference = path.join('..', 'shared', 'reference', 'cookbook-llm');
	const paths = existsSync(reference) ? ['configs', reference] : ['configs'];
	const result = await runCli(['validate', ...paths]);
	t.is(result.exitCode, 0, result.stdout);
	t.regex(result.stdout, /configs\/example-plan\.yaml: valid/);
	const files = paths.flatMap(dir => readdirSync(dir, {recursive: true, encoding: 'utf8'})).filter(file => /\.ya?ml$/.test(file)).length;
	t.true(files >= 33);
	t.regex(result.stdout, new RegExp(`${files} file\\(s\\) checked: ${files} valid, 0 invalid`));
});

test('validate and plan refuse bad usage with exit 2', async t => {
	const none = await runCli(['validate']);
	t.is(none.exitCode, 2);
	const bad = await runCli(['plan', 'configs/example-plan.yaml', '--format', 'yaml']);
	t.is(bad.exitCode, 2);
	t.regex(bad.stderr, /--format must be text or json/);
	const unknown = await runCli(['validate', 'configs', '--frobnicate']);
	t.is(unknown.exitCode, 2);
	t.regex(unknown.stderr, /Unknown option '--frobnicate'/);
});
