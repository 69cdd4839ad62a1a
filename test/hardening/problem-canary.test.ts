import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {repoRoot, runCli} from '../helpers/run-cli.js';
import {filesUnder, simRecipeFile, smallPlan, tempDir} from '../engine/sim-fixture.js';

/**
 * A secret pasted literally where a config (or recipe) should name an environment variable, in
 * places that make a problem: as a wrong key (echoed as the key), as a value of the wrong type
 * ("expected a number, got '…'"), as an unknown choice, inside a JSON value under a `token` key, as a
 * flag value. The problem lines must keep file, line, YAML path and what to do, with the secret
 * masked as everywhere else — in validate, validate --json, plan, a refused run and a run's files.
 */
const canaries = {
	wrongKey: 'hf_PastedAsAKey0123456789abcdefGHIJKL',
	gotValue: 'sk-proj-GotGotGot0123456789abcdefGHIJ',
	choice: 'hf_ChoiceChoice0123456789abcdefGHIJKL',
	plainApiKey: 'PlainApiKeyValue42',
	underToken: 'Pa55w0rdPlainValue',
	flagValue: 'sk-FlagValue0123456789abcdefGHIJ',
	flagKey: 'hf_FlagKey0123456789abcdefGHIJKLmnop',
	kvChoice: 'sk-KvChoice0123456789abcdefGHIJ',
	recipeKey: 'hf_RecipeKey0123456789abcdefGHIJKLmn',
	recipeValue: '987654321987',
};

function hits(text: string): string[] {
	return Object.entries(canaries)
		.filter(([, value]) => text.includes(value))
		.map(([where]) => where);
}

/** Fails schema checks: the run never starts. */
function schemaBroken(): string {
	return smallPlan()
		.replace('  name: Qwen/Qwen3-8B', `  name: Qwen/Qwen3-8B\n  precision: ${canaries.choice}\n  api_key: ${canaries.plainApiKey}`)
		.replace('  gpu_count: 1', `  gpu_count: ${canaries.gotValue}`)
		.replace('  max_candidates_per_framework: 2', `  max_candidates_per_framework: 2\n  ${canaries.wrongKey}: 1`);
}

/** Loads (so a run starts), but some candidates' flags are rejected with the values in the reasons. */
function flagsBroken(): string {
	return smallPlan()
		.replace('  max_candidates_per_framework: 2', '  max_candidates_per_framework: 4')
		.replace('      max_model_len: 4096', `      max_model_len: 4096\n      api_key: ${canaries.flagValue}`)
		.replace(
			'      max_num_seqs: [32]',
			`      max_num_seqs: [32]\n      ${canaries.flagKey}: [1]\n      enforce_eager: [false, {token: ${canaries.underToken}}]\n      kv_cache_dtype: [auto, ${canaries.kvChoice}]`,
		);
}

test('validate, validate --json and plan: problem lines name the place and mask the secret', async t => {
	const dir = tempDir('problem-canary');
	const broken = path.join(dir, 'broken.yaml');
	const flags = path.join(dir, 'flags.yaml');
	fs.writeFileSync(broken, schemaBroken());
	fs.writeFileSync(flags, flagsBroken());
	// Switches and choices are checked against a captured --help only.
	const helpDir = ['--help-dir', path.join(repoRoot, 'test/fixtures/help')];

	const text = await runCli(['validate', broken, flags, ...helpDir]);
	t.is(text.exitCode, 1, text.stderr);
	t.deepEqual(hits(text.stdout + text.stderr), []);
	// Still says where and what: file:line: yaml.path: message, the value masked.
	t.regex(text.stdout, /broken\.yaml:\d+: search\.\[REDACTED\]: unknown key '\[REDACTED\]'; valid: tier, /);
	t.regex(text.stdout, /broken\.yaml:\d+: hardware\.gpu_count: expected a number, got "\[REDACTED\]"/);
	t.regex(text.stdout, /broken\.yaml:\d+: model\.precision: precision '\[REDACTED\]' is not known; choose one of: auto, /);
	t.regex(text.stdout, /broken\.yaml:\d+: model\.api_key: unknown key 'api_key'/);
	t.regex(
		text.stdout,
		/flags\.yaml:\d+: frameworks\.vllm\.search_space\.enforce_eager: --enforce-eager is a switch: set enforce_eager to true or false, not \{"token":"\[REDACTED\]"\}/,
	);
	t.regex(text.stdout, /flags\.yaml:\d+: frameworks\.vllm\.search_space\.kv_cache_dtype: invalid choice "\[REDACTED\]" for --kv-cache-dtype/);
	t.regex(text.stdout, /flags\.yaml:\d+: frameworks\.vllm\.search_space\.\[REDACTED\]: \[REDACTED\] is not accepted by vllm serve/);

	const json = await runCli(['validate', '--json', broken, flags, ...helpDir]);
	t.is(json.exitCode, 1, json.stderr);
	t.deepEqual(hits(json.stdout + json.stderr), []);
	const report = JSON.parse(json.stdout) as {
		files: {issues: {path: string; line: number | null; message: string}[]; frameworks: Record<string, {rejected: {flags: Record<string, unknown>}[]}>}[];
	};
	const gpuCount = report.files[0]!.issues.find(issue => issue.path === 'hardware.gpu_count');
	t.is(gpuCount?.message, 'expected a number, got "[REDACTED]"');
	t.true(typeof gpuCount?.line === 'number');
	const rejected = report.files[1]!.frameworks.vllm!.rejected;
	t.true(rejected.length > 0);
	t.is(rejected[0]!.flags.api_key, '[REDACTED]');
	t.is(rejected[0]!.flags.max_model_len, 4096);

	for (const args of [
		['plan', broken],
		['plan', flags],
		['plan', flags, '--format', 'json'],
	]) {
		const printed = await runCli([...args, ...helpDir]);
		t.deepEqual(hits(printed.stdout + printed.stderr), [], args.join(' '));
	}

	const plan = await runCli(['plan', broken]);
	t.regex(plan.stderr, /hardware\.gpu_count: expected a number, got "\[REDACTED\]"/);
});

test('run: a refused plan names the problem without the secret', async t => {
	const dir = tempDir('problem-canary-run');
	const broken = path.join(dir, 'broken.yaml');
	fs.writeFileSync(broken, schemaBroken());
	const refused = await runCli(['run', broken, '--recipe', simRecipeFile(dir), '--output-dir', path.join(dir, 'runs'), '--headless', '--yes']);
	t.is(refused.exitCode, 1, refused.stderr);
	t.deepEqual(hits(refused.stdout + refused.stderr), []);
	t.regex(refused.stderr, /cannot run:\n(?: {2}.*\n)* {2}\S*broken\.yaml:\d+: hardware\.gpu_count: expected a number, got "\[REDACTED\]"/);
	t.false(fs.existsSync(path.join(dir, 'runs')), 'nothing written for a refused plan');
});

test('run: a refused recipe names the problem without the secret', async t => {
	const dir = tempDir('problem-canary-recipe');
	// A secret-named env value of the wrong type, a token pasted as a world key, a broken quote.
	const flags = path.join(dir, 'flags.yaml');
	fs.writeFileSync(flags, flagsBroken());
	const recipes: Record<string, [string, RegExp]> = {
		type: [
			`kind: simulated\nenv:\n  MY_TOKEN: ${canaries.recipeValue}\n`,
			/type\.yaml: env\.MY_TOKEN: Invalid type: Expected string but received \[REDACTED\]/,
		],
		typo: [`kind: simulated\nworld:\n  ${canaries.recipeKey}: 1\n`, /typo\.yaml: world\.\[REDACTED\]: not a simulated-world setting/],
		yaml: [
			`kind: simulated\nenv:\n  MY_TOKEN: "${canaries.recipeKey}\n  OTHER: ${canaries.recipeValue}\n`,
			/yaml\.yaml: not valid YAML: .* at line \d+, column \d+$/m,
		],
	};
	for (const [name, [text, says]] of Object.entries(recipes)) {
		const file = path.join(dir, `${name}.yaml`);
		fs.writeFileSync(file, text);
		const result = await runCli(['run', flags, '--recipe', file, '--output-dir', path.join(dir, 'runs'), '--headless', '--yes']);
		t.is(result.exitCode, 1, result.stderr);
		t.deepEqual(hits(result.stdout + result.stderr), [], name);
		t.regex(result.stderr, says, name);
	}
});

test('run: rejected candidates of a bad config leave no secret in the run directory', async t => {
	const dir = tempDir('problem-canary-artifacts');
	const flags = path.join(dir, 'flags.yaml');
	fs.writeFileSync(flags, flagsBroken());
	const result = await runCli(['run', flags, '--recipe', simRecipeFile(dir), '--output-dir', path.join(dir, 'runs'), '--headless', '--yes'], {
		timeoutMs: 120_000,
	});
	t.deepEqual(hits(result.stdout + result.stderr), []);
	const runs = path.join(dir, 'runs');
	const runDir = path.join(runs, fs.readdirSync(runs)[0]!);
	const found: string[] = [];
	for (const file of filesUnder(runDir)) for (const where of hits(fs.readFileSync(file, 'utf8'))) found.push(`${where} in ${path.relative(runDir, file)}`);
	t.deepEqual([...new Set(found)], []);
	// The candidates were rejected for their flags, and the rows say so.
	const rows = fs
		.readFileSync(path.join(runDir, 'results.jsonl'), 'utf8')
		.trim()
		.split('\n')
		.map(line => JSON.parse(line) as {status: string; failure_reason: string | null; flags: Record<string, unknown>});
	t.true(rows.some(row => row.status === 'skipped' && /unsupported flag/.test(row.failure_reason ?? '')));
	t.true(rows.every(row => row.flags.api_key === '[REDACTED]'));
});
