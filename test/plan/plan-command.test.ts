import test from 'ava';
import {runCli} from '../helpers/run-cli.js';

type Report = {
	model: string;
	scenarios: Array<{name: string; input_len: number; output_len: number}>;
	frameworks: Record<string, {candidates: Array<{id: string; flags: Record<string, unknown>; argv: string[]; command: string}>; rejected: unknown[]}>;
};

test('plan --format json prints the docs/commands.md shape with the §4 candidates in order', async t => {
	const result = await runCli(['plan', 'configs/cookbook-llm/qwen3-235b-a22b.yaml', '--format', 'json']);
	t.is(result.exitCode, 0, result.stderr);
	const report = JSON.parse(result.stdout) as Report;
	t.is(report.model, 'Qwen/Qwen3-235B-A22B');
	t.deepEqual(report.scenarios, [
		{name: 'chat', input_len: 1000, output_len: 1000},
		{name: 'summarization', input_len: 8000, output_len: 1000},
	]);
	t.deepEqual(Object.keys(report.frameworks), ['sglang', 'vllm', 'tensorrt_llm']);
	const sglang = report.frameworks.sglang!;
	t.deepEqual(sglang.rejected, []);
	// 2×2×2×3×3 = 72 combinations, cap 8: the first keys stay at their first value; ep_size varies fastest.
	const base = {tp_size: 8, model_path: 'Qwen/Qwen3-235B-A22B', mem_fraction_static: 0.82, schedule_policy: 'lpm'};
	const search = (running: number, ep: number) => ({
		...base,
		prefill_attention_backend: 'fa3',
		decode_attention_backend: 'fa3',
		chunked_prefill_size: 4096,
		max_running_requests: running,
		ep_size: ep,
	});
	t.deepEqual(
		sglang.candidates.map(candidate => candidate.flags),
		[base, search(32, 1), search(32, 4), search(32, 8), search(48, 1), search(48, 4), search(48, 8), search(64, 1)],
	);
	t.deepEqual(sglang.candidates[0], {
		id: 'sglang-00-baseline',
		flags: base,
		argv: [
			'python',
			'-m',
			'sglang.launch_server',
			'--tp-size',
			'8',
			'--model-path',
			'Qwen/Qwen3-235B-A22B',
			'--mem-fraction-static',
			'0.82',
			'--schedule-policy',
			'lpm',
		],
		command: 'python -m sglang.launch_server --tp-size 8 --model-path Qwen/Qwen3-235B-A22B --mem-fraction-static 0.82 --schedule-policy lpm',
	});
	t.is(sglang.candidates[2]!.id, 'sglang-02-pab-fa3-dab-fa3-cps-4096-mrr-32-es-4');
	t.is(report.frameworks.tensorrt_llm!.candidates.length, 8);
});

test('plan in text prints each candidate command and where the flags were checked', async t => {
	const result = await runCli(['plan', 'configs/example-plan.yaml']);
	t.is(result.exitCode, 0, result.stderr);
	t.regex(result.stdout, /Qwen\/Qwen3-32B — 2 scenario\(s\): chat \(1000→1000\), summarization \(8000→1000\)/);
	t.regex(result.stdout, /vLLM: flags checked against the bundled catalog/);
	t.regex(result.stdout, /\n {2}vllm-00-baseline\n {4}vllm serve Qwen\/Qwen3-32B --tensor-parallel-size 4 --trust-remote-code/);
	t.regex(result.stdout, /tensorrt_llm: 9 candidate\(s\), 0 rejected/);
});

test('plan on a broken config prints the problems and exits 1 without a stack trace', async t => {
	const result = await runCli(['plan', 'test/fixtures/configs/zero-budget.yaml', '--format', 'json']);
	t.is(result.exitCode, 1);
	t.is(result.stdout, '');
	t.regex(result.stderr, /zero-budget\.yaml:20: search\.max_candidates_per_framework: must be at least 1/);
	t.notRegex(result.stderr, /\bat .*\.(ts|js):\d+/);
});

test('validate --print-commands lists every candidate command; --json gives per-file results', async t => {
	const text = await runCli(['validate', 'configs/example-plan.yaml', '--print-commands']);
	t.is(text.exitCode, 0, text.stdout);
	t.regex(text.stdout, /\n {2}sglang-00-baseline: python -m sglang.launch_server --model-path Qwen\/Qwen3-32B --tp-size 4 --trust-remote-code/);
	t.is(text.stdout.match(/^ {2}\S+: /gm)?.length, 10 + 9 + 9);

	const json = await runCli(['validate', 'configs/example-plan.yaml', 'test/fixtures/configs/empty.yaml', '--json']);
	t.is(json.exitCode, 1);
	const parsed = JSON.parse(json.stdout) as {
		valid: boolean;
		files: Array<{file: string; valid: boolean; issues: Array<{path: string}>; frameworks: Record<string, {candidates: unknown[]}>}>;
	};
	t.false(parsed.valid);
	t.deepEqual(
		parsed.files.map(file => [file.file, file.valid]),
		[
			['configs/example-plan.yaml', true],
			['test/fixtures/configs/empty.yaml', false],
		],
	);
	t.is(parsed.files[0]!.frameworks.vllm!.candidates.length, 9);
	t.is(parsed.files[1]!.issues[0]!.path, '(top level)');
});
