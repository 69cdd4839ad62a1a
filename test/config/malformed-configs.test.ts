import test from 'ava';
import {runCli} from '../helpers/run-cli.js';

/**
 * Each malformed config fixture (test/fixtures/configs/, each a one-change copy of
 * valid-runtime.yaml) must make `validate` exit 1 with a line naming the file, the line and
 * the YAML path of the problem — and no stack trace.
 */
const cases: ReadonlyArray<{file: string; path: string; message: RegExp; line?: number}> = [
	{file: 'missing-model-name.yaml', path: 'model.name', message: /is required/, line: 2},
	{file: 'misaligned-scenarios.yaml', path: 'dataset.output_len', message: /input_len has 2, output_len has 1/, line: 11},
	{
		file: 'sequence-limit-base-too-small.yaml',
		path: 'frameworks.vllm.base_server_flags.max_model_len',
		message: /max_model_len 2048 is too small.*needs 4000 tokens/,
		line: 31,
	},
	{file: 'sequence-limit-search-too-small.yaml', path: 'frameworks.trtllm.search_space.max_seq_len[1]', message: /max_seq_len 2048 is too small/, line: 42},
	{file: 'trtllm-backend-searched.yaml', path: 'frameworks.trtllm.search_space.backend', message: /must not be searched/},
	{file: 'trtllm-backend-not-pytorch.yaml', path: 'frameworks.trtllm.base_server_flags.backend', message: /must be 'pytorch'.*"tensorrt"/, line: 37},
	{file: 'ambiguous-sla.yaml', path: 'sla.max_ttft_ms', message: /ambiguous SLA key 'max_ttft_ms'.*'max_p99_ttft_ms'/, line: 16},
	{file: 'zero-budget.yaml', path: 'search.max_candidates_per_framework', message: /must be at least 1/, line: 20},
	{
		file: 'misspelled-framework.yaml',
		path: 'frameworks.vlm',
		message: /unknown framework 'vlm' \(did you mean 'vllm'\?\); valid: sglang, vllm, tensorrt_llm, openai_compatible, trtllm/,
		line: 28,
	},
	{file: 'broken-yaml.yaml', path: '(yaml)', message: /broken YAML: /, line: 15},
	{file: 'wrong-type-mapping.yaml', path: 'frameworks.vllm.search_space.max_num_seqs', message: /expected a list of values .*got a mapping/, line: 33},
	{file: 'wrong-type-text.yaml', path: 'dataset.num_prompts', message: /expected a number, got "twenty"/, line: 8},
	{file: 'success-rate-above-one.yaml', path: 'sla.min_success_rate', message: /between 0 and 1, got 1.5/, line: 18},
	{file: 'empty.yaml', path: '(top level)', message: /the file is empty/},
];

// One real CLI run over every fixture keeps this file cheap on a 2-core CI machine; each file still
// gets its own summary line (✓/✗) and its own problem lines.
const run = runCli(['validate', ...cases.map(({file}) => `test/fixtures/configs/${file}`)]);

for (const {file, path, message, line} of cases) {
	test(`validate rejects ${file}`, async t => {
		const fixture = `test/fixtures/configs/${file}`;
		const result = await run;
		t.is(result.exitCode, 1, result.stdout + result.stderr);
		const where = line === undefined ? `${fixture}(:\\d+)?` : `${fixture}:${line}`;
		const escapedPath = path.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
		const problem = result.stdout.split('\n').find(text => new RegExp(`^${where}: ${escapedPath}: `).test(text));
		t.truthy(problem, result.stdout);
		t.regex(problem!, message);
		t.true(result.stdout.includes(`✗ ${fixture}: 1 problem\n`), result.stdout);
		t.notRegex(result.stdout + result.stderr, /\bat .*\.(ts|js):\d+/);
	});
}

test('the unchanged base fixture is valid', async t => {
	const result = await runCli(['validate', 'test/fixtures/configs/valid-runtime.yaml']);
	t.is(result.exitCode, 0, result.stdout);
	t.regex(result.stdout, /✓ .*valid-runtime.yaml: valid — sglang 3 candidates, vllm 3 candidates, tensorrt_llm 3 candidates/);
});
