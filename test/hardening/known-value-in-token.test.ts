import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {createRedactor} from '../../source/secrets/redact.js';
import {planRedactor} from '../../source/secrets/plan-redactor.js';
import {repoRoot, runCli} from '../helpers/run-cli.js';
import {smallPlan, tempDir} from '../engine/sim-fixture.js';

/**
 * A known secret value (a config's `hf_token: 12345`, an env secret) can be short and turn up inside
 * a real token elsewhere. Masking it first cut the token in pieces that no longer looked like a
 * token: `hf_ab12345cd6789mnopqrstuvw` came out as `hf_ab[REDACTED]cd6789mnopqrstuvw`, most of the
 * token in the clear. Every token must go whole, and a known value must too when it holds a token.
 */
test('a short secret value of the config inside a token: the whole token is masked', t => {
	const redact = planRedactor({frameworks: {vllm: {base_server_flags: {hf_token: 12345}}}}, {});
	t.is(redact('--served-model-name hf_ab12345cd6789mnopqrstuvw'), '--served-model-name [REDACTED]');
	t.is(redact('token hf_Ab12345Cd6789MnopQrStUv ok'), 'token [REDACTED] ok');
	t.is(redact('Authorization: Bearer sk-Ab12345Cd6789MnopQrSt'), 'Authorization: Bearer [REDACTED]');
	t.is(redact('gh ghp_Ab12345Cd6789MnopQrSt nv nvapi-Ab12345Cd6789MnopQrSt'), 'gh [REDACTED] nv [REDACTED]');
	t.is(redact('x=Ab12345Cd6789MnopQrStUvWxYz0123456789abcd'), 'x=[REDACTED]');
	t.is(redact('http://user:pw12345xy@host:80/v1'), 'http://[REDACTED]@host:80/v1');
	// The value on its own is still masked wherever it shows, and the text around it stays.
	t.is(redact('--hf-token 12345 port 8012345'), '--hf-token [REDACTED] port 80[REDACTED]');
});

test('a short env secret inside a token: the whole token is masked', t => {
	const redact = createRedactor({HF_TOKEN: 'Cd67'});
	t.is(redact('hf_Ab12345Cd6789MnopQrStUv and ghp_Ab12345Cd6789MnopQrSt'), '[REDACTED] and [REDACTED]');
});

test('a known value holding a token shape is masked whole, not just its token part', t => {
	const redact = createRedactor({}, ['Secret-sk-abcdefghijklmn12']);
	t.is(redact('pw Secret-sk-abcdefghijklmn12 end'), 'pw [REDACTED] end');
	// Two hits that touch are one mark.
	t.is(createRedactor({}, ['abcd', 'efgh'])('x abcdefgh y'), 'x [REDACTED] y');
});

test('known values do not make readable neighbours unreadable', t => {
	const redact = planRedactor({api_key: 'Secret123abc'}, {});
	const readable = [
		'--hf-revision main --hf-overrides {} --bucket-time-to-first-token 1',
		'workload sha256 9f2c4b1e8d7a6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170',
		'container llm-bench-2026-05-01T12-30-05-abc-vllm-00',
	];
	for (const line of readable) t.is(redact(line), line);
	t.is(redact('--api-key Secret123abc --max-num-seqs 64'), '--api-key [REDACTED] --max-num-seqs 64');
});

test('validate --print-commands: a token holding the config short secret value is masked whole', async t => {
	const dir = tempDir('known-in-token');
	const file = path.join(dir, 'plan.yaml');
	const token = 'hf_ab12345cd6789mnopqrstuvw';
	fs.writeFileSync(
		file,
		smallPlan().replace('      max_model_len: 4096', `      max_model_len: 4096\n      hf_token: 12345\n      served_model_name: ${token}`),
	);
	const result = await runCli(['validate', file, '--help-dir', path.join(repoRoot, 'test/fixtures/help'), '--print-commands']);
	t.is(result.exitCode, 0, result.stderr);
	const commands = result.stdout.split('\n').filter(line => /^ {2}vllm-\d+-/.test(line));
	t.is(commands.length, 2, result.stdout);
	for (const line of commands) {
		t.true(line.includes('--hf-token [REDACTED] --served-model-name [REDACTED]'), line);
		t.false(line.includes('6789'), line);
	}
});
