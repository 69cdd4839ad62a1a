import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {createRedactor} from '../../source/engine/redact.js';
import {candidateId} from '../../source/plan/candidate-id.js';
import {repoRoot} from '../helpers/run-cli.js';

/**
 * Redaction must not eat what people need to read: every captured --help text (saved into each run
 * and re-read by `validate --help-dir`) passes through unchanged — metavars such as `--api-key
 * API_KEY` and flags such as `--hf-revision` or `--bucket-time-to-first-token` included.
 */
test('the real --help captures pass through the redactor unchanged', t => {
	const redact = createRedactor({});
	const dir = path.join(repoRoot, 'test/fixtures/help');
	const files = fs.readdirSync(dir).filter(name => name.endsWith('.txt'));
	t.true(files.length >= 5);
	for (const name of files) {
		const text = fs.readFileSync(path.join(dir, name), 'utf8');
		const changed = text.split('\n').filter(line => redact(line) !== line);
		t.deepEqual(changed, [], name);
	}
});

test('a secret value after a secret-named flag is still masked, on one line only', t => {
	const redact = createRedactor({});
	t.is(redact('vllm serve m --api-key s3cr3t-v4lue --hf-token=hf_live_abcd'), 'vllm serve m --api-key [REDACTED] --hf-token=[REDACTED]');
	t.is(redact('--allow-credentials\n  Allow credentials.'), '--allow-credentials\n  Allow credentials.');
	t.is(redact('--max-deferred-experts-per-token 4096 --eos-token 151645'), '--max-deferred-experts-per-token 4096 --eos-token 151645');
});

test('a candidate id (a folder name, shown everywhere) never carries a secret-named flag value', t => {
	t.is(candidateId('vllm', 1, {api_key: 'Secret123abc'}), 'vllm-01-api-key-redacted');
	t.is(candidateId('vllm', 2, {max_num_seqs: 64}), 'vllm-02-max-num-seqs-64');
	// A token pasted as a flag's value or name: lower-cased and cut, it would still be most of the secret.
	t.is(candidateId('vllm', 3, {kv_cache_dtype: 'sk-KvChoice0123456789abcdefGHIJ'}), 'vllm-03-kv-cache-dtype-redacted');
	t.is(candidateId('vllm', 4, {hf_FlagKey0123456789abcdefGHIJKLmnop: 1}), 'vllm-04-redacted-1');
	t.is(candidateId('vllm', 5, {served_model_name: 'Qwen/Qwen3-235B-A22B-Instruct-2507'}), 'vllm-05-served-model-name-qwen-qwen3-235b-a22b-ins');
});
