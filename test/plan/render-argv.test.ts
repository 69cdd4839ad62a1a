import test from 'ava';
import {renderServerArgv, shellQuote, withHostPort} from '../../source/plan/render-argv.js';
import {launchArgv, launchFlagNames} from '../../source/plan/render-argv.js';
import {splitShellWords} from '../../source/shell/shell-words.js';

const sglang = {name: 'sglang' as const, serverCommand: ['python', '-m', 'sglang.launch_server']};
const vllm = {name: 'vllm' as const, serverCommand: ['vllm', 'serve']};
const trt = {name: 'tensorrt_llm' as const, serverCommand: ['trtllm-serve', 'serve']};

test('SGLang takes the model as --model-path unless the flags carry it; dashes in flag names', t => {
	t.deepEqual(renderServerArgv(sglang, {tp_size: 2, trust_remote_code: true, enable_metrics: false, dtype: null}, 'org/m'), [
		'python',
		'-m',
		'sglang.launch_server',
		'--model-path',
		'org/m',
		'--tp-size',
		'2',
		'--trust-remote-code',
	]);
	t.deepEqual(renderServerArgv(sglang, {model_path: '/models/x', tp_size: 1}, 'org/m'), [
		'python',
		'-m',
		'sglang.launch_server',
		'--model-path',
		'/models/x',
		'--tp-size',
		'1',
	]);
});

test('vLLM and TensorRT-LLM take the model as the first positional; TensorRT-LLM keeps underscores', t => {
	t.deepEqual(renderServerArgv(vllm, {max_num_seqs: 64}, 'org/m'), ['vllm', 'serve', 'org/m', '--max-num-seqs', '64']);
	t.deepEqual(renderServerArgv(trt, {kv_cache_free_gpu_memory_fraction: 0.75}, 'org/m'), [
		'trtllm-serve',
		'serve',
		'org/m',
		'--kv_cache_free_gpu_memory_fraction',
		'0.75',
	]);
});

test('mappings and lists are one JSON argv element; strings with spaces stay one element', t => {
	const argv = renderServerArgv(vllm, {speculative_config: {method: 'ngram', num_speculative_tokens: 3}, cuda_graph_sizes: [1, 2], chat_template: 'a b'}, 'm');
	t.deepEqual(argv.slice(3), [
		'--speculative-config',
		'{"method":"ngram","num_speculative_tokens":3}',
		'--cuda-graph-sizes',
		'[1,2]',
		'--chat-template',
		'a b',
	]);
	t.is(shellQuote(argv.slice(0, 5)), `vllm serve m --speculative-config '{"method":"ngram","num_speculative_tokens":3}'`);
});

test('withHostPort appends host and port once, never duplicating a flag the config set', t => {
	t.deepEqual(withHostPort(['vllm', 'serve', 'm'], vllm, '127.0.0.1', 8001), ['vllm', 'serve', 'm', '--host', '127.0.0.1', '--port', '8001']);
	t.deepEqual(withHostPort(['vllm', 'serve', 'm', '--port', '9000'], vllm, '127.0.0.1', 8001), ['vllm', 'serve', 'm', '--port', '9000', '--host', '127.0.0.1']);
	t.deepEqual(withHostPort(['trtllm-serve', 'serve', 'm', '--host=0.0.0.0'], trt, '127.0.0.1', 1), [
		'trtllm-serve',
		'serve',
		'm',
		'--host=0.0.0.0',
		'--port',
		'1',
	]);
});

test('server_command splits like a shell and shellQuote round-trips', t => {
	t.deepEqual(splitShellWords(`python -m sglang.launch_server`), ['python', '-m', 'sglang.launch_server']);
	t.deepEqual(splitShellWords(`env A="x y" 'b c' d\\ e ""`), ['env', 'A=x y', 'b c', 'd e', '']);
	t.deepEqual(splitShellWords(`a 'b`), {error: "unterminated ' quote"});
	const argv = ['x', "it's", '{"a": 1}', '', '--f=1'];
	t.deepEqual(splitShellWords(shellQuote(argv)), argv);
});

test('launchArgv is the one launch command: server argv, engine extras, then --host/--port once', t => {
	const sglang = {name: 'sglang' as const, serverCommand: ['python', '-m', 'sglang.launch_server']};
	t.deepEqual(launchArgv(sglang, {tp_size: 2, disable_radix_cache: true}, 'Qwen/Qwen3-8B', {enable_metrics: true}, {host: '127.0.0.1', port: 30001}), [
		'python',
		'-m',
		'sglang.launch_server',
		'--model-path',
		'Qwen/Qwen3-8B',
		'--tp-size',
		'2',
		'--disable-radix-cache',
		'--enable-metrics',
		'--host',
		'127.0.0.1',
		'--port',
		'30001',
	]);
	const trtllm = {name: 'tensorrt_llm' as const, serverCommand: ['trtllm-serve', 'serve']};
	t.deepEqual(launchArgv(trtllm, {tp_size: 1, port: 9000}, 'm', {}, {host: '0.0.0.0', port: 1}), [
		'trtllm-serve',
		'serve',
		'm',
		'--tp_size',
		'1',
		'--port',
		'9000',
		'--host',
		'0.0.0.0',
	]);
	t.deepEqual(launchFlagNames('sglang', {tp_size: 2, enable_flashinfer: false, chunked_prefill_size: null}, {enable_metrics: true}), [
		'--tp-size',
		'--enable-metrics',
	]);
});
