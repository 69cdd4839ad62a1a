import fs from 'node:fs';
import test from 'ava';
import {
	chartLetters,
	findFramework,
	frameworkAdapter,
	frameworkColour,
	frameworkKeys,
	frameworkLabel,
	frameworkNames,
} from '../../source/frameworks/registry.js';
import {parseHelp, unusableHelpReason} from '../../source/plan/help/parse-help.js';

const version = (file: string) => fs.readFileSync(`test/fixtures/version/${file}`, 'utf8');
const help = (file: string) => fs.readFileSync(`test/fixtures/help/${file}`, 'utf8');

test('the registry: one adapter per name, labels, the trtllm alias, unique chart letters and colours', t => {
	t.deepEqual(frameworkNames, ['sglang', 'vllm', 'tensorrt_llm', 'openai_compatible']);
	for (const name of frameworkNames) t.is(frameworkAdapter(name).name, name);
	t.deepEqual(
		frameworkNames.map(name => frameworkLabel(name)),
		['SGLang', 'vLLM', 'TensorRT-LLM', 'OpenAI-compatible'],
	);
	t.deepEqual(frameworkKeys, ['sglang', 'vllm', 'tensorrt_llm', 'openai_compatible', 'trtllm']);
	t.is(findFramework('trtllm'), 'tensorrt_llm');
	t.is(findFramework('tgi'), undefined);
	t.is(frameworkLabel('my_server'), 'my_server', 'an imported row names a framework the registry does not hold');
	const letters = frameworkNames.map(name => frameworkAdapter(name).chartLetter);
	t.true(letters.every(letter => /^[a-z]$/.test(letter)));
	t.is(new Set(letters).size, letters.length);
	const colours = frameworkNames.map(name => frameworkAdapter(name).colour);
	t.is(new Set(colours).size, colours.length);
	t.is(frameworkColour('tensorrt_llm', 5), '#2b8a3e');
	t.false(colours.includes(frameworkColour('my_server', 0)));
});

test('chart letters never collide: a fifth framework starting with t gets a free letter', t => {
	const letters = chartLetters(['tensorrt_llm', 'tokenspeed', 'sglang', 'vllm', 'openai_compatible', 'tgi']);
	t.is(letters.get('tensorrt_llm'), 't');
	t.is(letters.get('tokenspeed'), 'k');
	t.is(letters.get('tgi'), 'g');
	t.is(new Set(letters.values()).size, letters.size);
});

test('flag naming: dashed for SGLang, vLLM and generic servers; TensorRT-LLM keeps underscores', t => {
	t.is(frameworkAdapter('sglang').cli.flagName('mem_fraction_static'), '--mem-fraction-static');
	t.is(frameworkAdapter('vllm').cli.flagName('max_num_seqs'), '--max-num-seqs');
	t.is(frameworkAdapter('tensorrt_llm').cli.flagName('kv_cache_free_gpu_memory_fraction'), '--kv_cache_free_gpu_memory_fraction');
	t.is(frameworkAdapter('openai_compatible').cli.flagName('max_batch_total_tokens'), '--max-batch-total-tokens');
	t.is(frameworkAdapter('sglang').cli.modelFlag, '--model-path');
	t.is(frameworkAdapter('vllm').cli.modelArgument, 'positional');
	t.deepEqual(frameworkAdapter('vllm').cli.helpCommand(['vllm', 'serve']), ['vllm', 'serve', '--help=all']);
	t.deepEqual(frameworkAdapter('tensorrt_llm').cli.helpCommand(['trtllm-serve', 'serve']), ['trtllm-serve', 'serve', '--help']);
	t.is(frameworkAdapter('openai_compatible').cli.helpCommand(['llama-server']), null, 'no help_command: nothing is captured');
});

test('help dialects: vLLM matches underscored spellings, argparse and click match exactly, click lists no usage flags', t => {
	const vllm = parseHelp('vllm', help('vllm_serve_help_all_0.19.1.txt'));
	t.truthy(frameworkAdapter('vllm').help.lookup(vllm.flags, '--max_num_seqs'));
	const sglang = parseHelp('sglang', help('sglang_launch_server_help_2026-05.txt'));
	t.truthy(sglang.flags.get('--mem-fraction-static'));
	t.is(frameworkAdapter('sglang').help.lookup(sglang.flags, '--mem_fraction_static'), undefined);
	const trtllm = parseHelp('tensorrt_llm', help('trtllm_serve_serve_help_1.1-style.txt'));
	t.truthy(trtllm.flags.get('--tp_size'));
	t.is(frameworkAdapter('tensorrt_llm').help.lookup(trtllm.flags, '--tp-size'), undefined);
	t.false(frameworkAdapter('tensorrt_llm').help.usageBlockListsFlags);
	t.regex(
		unusableHelpReason('vllm', help('vllm_serve_help_groups_only.txt'), parseHelp('vllm', help('vllm_serve_help_groups_only.txt')))!,
		/capture 'vllm serve --help=all'/,
	);
	t.is(frameworkAdapter('sglang').help.catalogFile, 'sglang.txt');
	t.is(frameworkAdapter('openai_compatible').help.catalogFile, null);
});

test('version parsing reads the package version past container banners and warnings', t => {
	const parse = (name: 'sglang' | 'vllm' | 'tensorrt_llm', file: string) => frameworkAdapter(name).runtime.parseVersion(version(file));
	t.deepEqual(parse('sglang', 'sglang-docker-version.stdout.txt'), {version: '0.5.5', commit: null}, 'not the CUDA 12.9.1 of the banner');
	t.deepEqual(parse('tensorrt_llm', 'trtllm-docker-version.stdout.txt'), {version: '1.0.0', commit: null}, 'not the NVIDIA release 25.06');
	t.deepEqual(parse('vllm', 'vllm-local-version.stdout.txt'), {version: '0.11.0', commit: null});
	t.deepEqual(parse('vllm', 'vllm-noplatform-version.stdout.txt'), {version: '0.8.4', commit: null});
	t.deepEqual(parse('vllm', 'vllm-devbuild-version.stdout.txt'), {version: '0.11.1.dev123+g1a2b3c4d5', commit: '1a2b3c4d5'});
	t.deepEqual(frameworkAdapter('vllm').runtime.parseVersion('command not found'), {version: null, commit: null});
	t.deepEqual(frameworkAdapter('sglang').runtime.versionCommand, ['python3', '-c', 'import sglang; print(sglang.__version__)']);
});

test('TensorRT-LLM backend policy: config checks, candidate rejection, and the captured help', t => {
	const rules = frameworkAdapter('tensorrt_llm').config;
	t.is(rules.defaultBackendPolicy, 'fixed_pytorch');
	const issues = rules.checkSection!({shape: 'cookbook', backendPolicy: undefined, baseFlags: {}, searchSpace: [['backend', ['pytorch', 'trt'], true]]});
	t.deepEqual(
		issues.map(issue => issue.path.join('.')),
		['backend_policy', 'base_server_flags', 'search_space.backend'],
	);
	t.deepEqual(rules.checkSection!({shape: 'cookbook', backendPolicy: 'fixed_pytorch', baseFlags: {backend: 'pytorch'}, searchSpace: []}), []);
	t.regex(rules.candidateViolation!({backend: 'tensorrt'}, 'fixed_pytorch')!, /fixed to the PyTorch backend.*"tensorrt"/);
	t.regex(rules.candidateViolation!({engine_dir: '/engines/x'}, null)!, /points at a TensorRT engine \(engine_dir\)/);
	t.is(rules.candidateViolation!({backend: 'pytorch', tp_size: 2}, 'fixed_pytorch'), null);
	t.is(frameworkAdapter('tensorrt_llm').help.environmentProblem!(help('trtllm_serve_serve_help_1.1-style.txt')), null);
	t.regex(frameworkAdapter('tensorrt_llm').help.environmentProblem!('Options:\n  --tp_size INTEGER\n')!.detail, /does not accept '--backend pytorch'/);
	t.is(frameworkAdapter('sglang').config.candidateViolation, undefined);
});

test('sequence-limit keys and container extras live with their framework', t => {
	t.deepEqual(
		frameworkNames.map(name => frameworkAdapter(name).config.sequenceLimitKeys),
		[['context_length'], ['max_model_len'], ['max_seq_len'], []],
	);
	t.is(frameworkAdapter('sglang').config.unsetSequenceLimit, 'model-default');
	t.is(frameworkAdapter('vllm').config.unsetSequenceLimit, 'must-set');
	t.deepEqual(frameworkAdapter('tensorrt_llm').container!.runArgs!(2), [
		'--ulimit',
		'memlock=-1',
		'--ulimit',
		'stack=67108864',
		'--shm-size=16g',
		'-e',
		'NCCL_IB_DISABLE=1',
	]);
	t.deepEqual(frameworkAdapter('tensorrt_llm').container!.runArgs!(1), []);
	t.is(frameworkAdapter('vllm').container?.runArgs, undefined);
	t.true(frameworkAdapter('vllm').container?.clearEntrypoint, 'the vLLM image runs vllm serve as its entrypoint');
	t.is(frameworkAdapter('openai_compatible').container, undefined);
});

test('native clients: three frameworks have one, the generic server does not', t => {
	t.deepEqual(
		frameworkNames.filter(name => frameworkAdapter(name).nativeBench !== null),
		['sglang', 'vllm', 'tensorrt_llm'],
	);
	t.deepEqual(frameworkAdapter('sglang').cli.benchmarkHelpCommand, ['python3', '-m', 'sglang.bench_serving', '--help']);
});
