import {readFileSync} from 'node:fs';
import {mkdtemp, readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type {RequestRecord} from '../../source/bench/bench-types.js';
import {summarize, toRowMetrics} from '../../source/bench/metrics.js';
import {vllmResultFields} from '../../source/frameworks/vllm/result-fields.js';
import {vllmNativeBench} from '../../source/frameworks/vllm/native-bench.js';
import {startFixedTimingServer} from '../helpers/fixed-timing-server.js';
import {runCli} from '../helpers/run-cli.js';

/** Findings 8 and 11: vLLM's result files read right, and ours written under vLLM's names. */

const realText = readFileSync(new URL('../fixtures/real/results/vllm-bench-serve-save-result.reconstructed.json', import.meta.url), 'utf8');
const realRecord = JSON.parse(realText) as Record<string, unknown>;

test('vLLM file without --save-detailed: the 0.0 latency of a failed request is not an E2E of 0 ms', t => {
	// Only --percentile-metrics ttft,tpot,itl (vLLM's default): E2E must come from `latencies`.
	const withoutE2e = Object.fromEntries(Object.entries(realRecord).filter(([key]) => !key.includes('e2el')));
	const [result] = vllmNativeBench.parseResultFile(JSON.stringify(withoutE2e));
	t.is(result!.metrics.completed, 3);
	t.is(result!.metrics.failed, 1);
	t.is(Math.round(result!.metrics.mean_e2e_ms!), 1800, 'mean of 1.9, 1.8, 1.7 s — not of 1.9, 1.8, 0.0, 1.7');
	t.is(Math.round(result!.metrics.p50_e2e_ms!), 1800);
	// With the file's own e2el figures they win, unchanged.
	t.is(vllmNativeBench.parseResultFile(realText)[0]!.metrics.p99_e2e_ms, 1898);
});

const record = (index: number, success: boolean, ttftMs: number, e2eMs: number, outputTokens: number): RequestRecord => ({
	index,
	scheduledMs: index * 10,
	sentMs: index * 10,
	ttftMs: success ? ttftMs : null,
	e2eMs: success ? e2eMs : null,
	itlMs: success ? Array.from({length: outputTokens - 1}, () => (e2eMs - ttftMs) / (outputTokens - 1)) : [],
	promptTokens: success ? 1000 : null,
	outputTokens: success ? outputTokens : null,
	success,
	error: success ? null : 'HTTP 500',
});

test("bench --output-file carries vLLM's --save-result fields, and vLLM's importer reads our file back to the same figures", t => {
	const records = [record(0, true, 100, 1900, 100), record(1, true, 110, 1800, 100), record(2, false, 0, 0, 0), record(3, true, 90, 1700, 100)];
	const summary = summarize(records, {durationS: 2, requestRate: 'inf', maxConcurrency: null, numPrompts: 4});
	const fields = vllmResultFields(summary, {
		endpoint: '/v1/chat/completions',
		model: 'Qwen/Qwen3-8B',
		tokenizer: null,
		burstiness: 1,
		date: new Date(2025, 11, 1, 10, 15, 0),
	});
	t.is(fields.total_input_tokens, 3000);
	t.is(fields.total_output_tokens, 300);
	t.is(fields.date, '20251201-101500');
	t.is(fields.request_rate, 'inf');
	t.is(fields.backend, 'openai-chat');
	// Every field vLLM writes without --save-detailed, except per-request lists and its own extras.
	const notOurs = new Set(['latencies', 'queue_times', 'max_output_tokens_per_s', 'max_concurrent_requests', 'rtfx']);
	for (const [key, value] of Object.entries(realRecord)) {
		if (notOurs.has(key)) continue;
		t.true(key in fields, `missing ${key}`);
		if (value !== null && fields[key] !== null) t.is(typeof fields[key], typeof value, key);
	}

	const [back] = vllmNativeBench.parseResultFile(JSON.stringify(fields));
	const ours = toRowMetrics(summary);
	for (const key of [
		'completed',
		'failed',
		'request_throughput',
		'output_token_throughput',
		'total_token_throughput',
		'p50_ttft_ms',
		'p99_tpot_ms',
		'mean_itl_ms',
		'p90_e2e_ms',
	] as const) {
		t.is(back!.metrics[key], ours[key], key);
	}

	t.is(back!.model, 'Qwen/Qwen3-8B');
	t.is(back!.outputLen, 100);
	t.is(Math.round((fields.std_e2el_ms as number) * 10) / 10, 81.6, 'population std, as numpy');
});

test("the bench command's --output-file has the token totals and vLLM's names, read back by the vLLM importer", async t => {
	const server = await startFixedTimingServer({firstTokenMs: 5, tokenGapMs: 1});
	t.teardown(async () => server.close());
	const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'bench-vllm-fields-')), 'out.json');
	const result = await runCli([
		'bench',
		'--base-url',
		server.baseUrl,
		'--model',
		'm',
		'--num-prompts',
		'5',
		'--input-len',
		'8',
		'--output-len',
		'4',
		'--request-rate',
		'inf',
		'--warmup',
		'0',
		'--output-file',
		file,
	]);
	t.is(result.exitCode, 0, result.stderr);
	const text = await readFile(file, 'utf8');
	const saved = JSON.parse(text) as Record<string, unknown>;
	t.is(saved.total_input_tokens, 40);
	t.is(saved.total_output_tokens, 20);
	t.is(saved.num_prompts, 5);
	t.is(saved.model_id, 'm');
	const [back] = vllmNativeBench.parseResultFile(text);
	t.is(back!.metrics.completed, 5);
	t.is(back!.inputLen, 8);
	t.is(back!.outputLen, 4);
});
