import {readFile} from 'node:fs/promises';
import {mkdtemp, mkdir, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {catalogHelp} from '../../source/plan/help/catalog-help.js';
import {findHelpFiles} from '../../source/plan/help/find-help-files.js';
import {lookupFlag, parseHelp, unusableHelpReason} from '../../source/plan/help/parse-help.js';

const fixture = async (name: string) => readFile(`test/fixtures/help/${name}`, 'utf8');

test('SGLang argparse capture: values, switches, choices, aliases; prose mentions are not flags', async t => {
	const help = parseHelp('sglang', await fixture('sglang_launch_server_help_2026-05.txt'));
	t.is(help.source, 'help');
	t.true(help.flags.size > 300);
	t.like(help.flags.get('--model-path'), {takesValue: true, group: 'options'});
	t.like(help.flags.get('--model'), {takesValue: true});
	t.like(help.flags.get('--trust-remote-code'), {takesValue: false, negatable: false});
	t.deepEqual(help.flags.get('--tokenizer-mode')?.choices, ['auto', 'slow']);
	t.true(help.flags.get('--schedule-policy')!.choices!.includes('lpm'));
	t.like(help.flags.get('--context-length'), {takesValue: true, choices: null});
	t.true(help.flags.get('--experts-shared-outer-loras')?.negatable);
	// Only in the description text above the usage line.
	t.false(help.flags.has('--model-type'));
	t.is(lookupFlag(help, '--max_running_requests'), undefined, 'argparse does not normalize underscores');
	t.truthy(lookupFlag(help, '--max-running-requests'));
});

test('vLLM --help=all: groups, --x/--no-x booleans, short aliases, dash/underscore equivalence', async t => {
	const help = parseHelp('vllm', await fixture('vllm_serve_help_all_0.19.1.txt'));
	t.true(help.flags.size > 200);
	t.like(help.flags.get('--enable-prefix-caching'), {takesValue: false, negatable: true, group: 'CacheConfig'});
	t.true(help.flags.has('--no-enable-prefix-caching'));
	t.like(help.flags.get('--gpu-memory-utilization'), {takesValue: true, group: 'CacheConfig'});
	t.like(help.flags.get('--max-model-len'), {takesValue: true, group: 'ModelConfig'});
	t.like(help.flags.get('-tp'), {takesValue: true});
	t.like(help.flags.get('--api-server-count'), {takesValue: true, group: 'options'});
	t.is(lookupFlag(help, '--max_model_len'), help.flags.get('--max-model-len'));
	t.is(unusableHelpReason('vllm', '', help), null);
});

test('vLLM plain --help (config groups only) is recognized as unusable', async t => {
	const text = await fixture('vllm_serve_help_groups_only.txt');
	const help = parseHelp('vllm', text);
	t.regex(unusableHelpReason('vllm', text, help)!, /--help=all/);
});

test('TensorRT-LLM click help: --tp_size aliases, [a|b] choices, --x / --no-x, no dash normalization', async t => {
	const help = parseHelp('tensorrt_llm', await fixture('trtllm_serve_serve_help_1.1-style.txt'));
	t.like(help.flags.get('--tp_size'), {takesValue: true, group: 'Options'});
	t.like(help.flags.get('--tensor_parallel_size'), {takesValue: true});
	t.like(help.flags.get('--kv_cache_free_gpu_memory_fraction'), {takesValue: true});
	t.deepEqual(help.flags.get('--backend')?.choices, ['pytorch', 'tensorrt', '_autodeploy']);
	t.deepEqual(help.flags.get('--log_level')?.choices, ['internal_error', 'error', 'warning', 'info', 'verbose', 'debug', 'trace']);
	t.like(help.flags.get('--telemetry'), {takesValue: false, negatable: true});
	t.true(help.flags.has('--no-telemetry'));
	t.like(help.flags.get('--trust_remote_code'), {takesValue: false});
	t.false(help.flags.has('--help'));
	t.like(help.flags.get('--config'), {takesValue: true});
	t.is(lookupFlag(help, '--tp-size'), undefined);
});

test('the TensorRT-LLM group help (Commands only) is recognized as unusable', async t => {
	const text = await fixture('trtllm_serve_toplevel_help_1.1.0rc3.txt');
	t.regex(unusableHelpReason('tensorrt_llm', text, parseHelp('tensorrt_llm', text))!, /command-group help/);
});

test("bundled catalogs list each framework's flags and say they are a catalog", t => {
	const sglang = catalogHelp('sglang')!;
	t.is(sglang.source, 'catalog');
	t.truthy(sglang.flags.get('--tp-size'));
	t.truthy(sglang.flags.get('--model'));
	t.truthy(catalogHelp('vllm')!.flags.get('--max-num-batched-tokens'));
	t.like(catalogHelp('tensorrt_llm')!.flags.get('--trust_remote_code'), {takesValue: false});
	t.truthy(catalogHelp('tensorrt_llm')!.flags.get('--kv_cache_free_gpu_memory_fraction'));
});

test('help files are matched to frameworks by name; benchmark-client captures are skipped', async t => {
	const dir = await mkdtemp(path.join(tmpdir(), 'help-dir-'));
	await mkdir(path.join(dir, 'nested'));
	for (const name of [
		'sglang_launch_server.txt',
		'nested/vllm_serve_all.txt',
		'trtllm_serve.txt',
		'vllm_bench_serve_all.txt',
		'sglang_bench_serving.txt',
		'notes.txt',
	]) {
		await writeFile(path.join(dir, name), '');
	}

	const found = await findHelpFiles(dir);
	t.deepEqual(found.get('sglang'), [path.join(dir, 'sglang_launch_server.txt')]);
	t.deepEqual(found.get('vllm'), [path.join(dir, 'nested', 'vllm_serve_all.txt')]);
	t.deepEqual(found.get('tensorrt_llm'), [path.join(dir, 'trtllm_serve.txt')]);
});
