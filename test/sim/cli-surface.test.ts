import {mkdtempSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import test from 'ava';
import {nvidiaSmi} from '../../source/sim/cli/nvidia-smi-main.js';
import {flagSpecs} from '../../source/sim/cli/flag-spec.js';
import {vllmServeHelp} from '../../source/sim/cli/help-vllm.js';
import {sglangHelp} from '../../source/sim/cli/sglang-cli.js';
import {trtllmServeHelp} from '../../source/sim/cli/trtllm-cli.js';
import {publishState} from '../../source/sim/state.js';
import {parseWorld} from '../../source/sim/world.js';
import {runCommand, simEnv} from './sim-helpers.js';

const world = parseWorld('{}');

test('vLLM plain --help lists only the config groups; --help=all lists every catalog flag with Title: headers', t => {
	const plain = vllmServeHelp('').text;
	t.regex(plain, /^usage: vllm serve \[model_tag\] \[options\]\n/);
	t.regex(plain, /\nConfig Groups:\n/);
	t.notRegex(plain, /--max-num-seqs/);
	const all = vllmServeHelp('all').text;
	t.regex(all, /\nSchedulerConfig:\n {2}Scheduler configuration\.\n/);
	t.regex(all, /\n {2}--enable-prefix-caching, --no-enable-prefix-caching\n/);
	t.regex(all, /\n {2}--tensor-parallel-size TENSOR_PARALLEL_SIZE, -tp TENSOR_PARALLEL_SIZE\n/);
	for (const spec of flagSpecs('vllm')) {
		t.true(all.includes(spec.names[0]!), spec.names[0]);
	}

	t.regex(vllmServeHelp('cacheconfig').text, /CacheConfig:\n/);
	t.false(vllmServeHelp('no-such-thing').ok);
});

test('SGLang help is argparse: usage enumerating flags, one options: section with every catalog flag', t => {
	const help = sglangHelp(world);
	t.regex(help, /^usage: sglang serve \[-h\] --model-path MODEL_PATH \[--tokenizer-path TOKENIZER_PATH\]/);
	t.regex(help, /\noptions:\n {2}-h, --help {12}show this help message and exit\n/);
	t.regex(help, /\n {2}--mem-fraction-static MEM_FRACTION_STATIC\n/);
	t.regex(help, /\n {2}--tensor-parallel-size TENSOR_PARALLEL_SIZE, --tp-size TENSOR_PARALLEL_SIZE\n/);
	for (const spec of flagSpecs('sglang')) {
		t.true(help.includes(`  ${spec.names[0]!}`), spec.names[0]);
	}

	t.regex(sglangHelp(parseWorld('{"versions":{"sglang":"0.5.8"}}')), /^usage: launch_server\.py \[-h\]/);
});

test('TensorRT-LLM help is click: Usage line, Options rows with aliases and metavars', t => {
	const help = trtllmServeHelp(world);
	t.regex(help, /^Usage: trtllm-serve serve \[OPTIONS\] MODEL\n/);
	t.regex(help, /\n {2}--tensor_parallel_size, --tp_size INTEGER\s/);
	t.regex(help, /\n {2}--trust_remote_code +/);
	t.regex(help, /\n {2}--telemetry \/ --no-telemetry +/);
	t.regex(help, /\n {2}--help +Show this message and exit\.\n$/);
});

test('nvidia-smi: -L, csv queries with and without header/units, compute apps from busy GPUs and running servers', t => {
	const state = mkdtempSync(path.join(tmpdir(), 'sim-smi-'));
	const env = {
		LLM_BENCH_SIM_WORLD: JSON.stringify({gpu_model: 'A100-40GB', gpu_count: 2, busy_gpus: [{index: 1, pid: 77, process: 'python', used_memory_mib: 1000}]}),
		LLM_BENCH_SIM_STATE: state,
	};
	const list = nvidiaSmi(['-L'], env);
	t.regex(list.stdout, /^GPU 0: NVIDIA A100-SXM4-40GB \(UUID: GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)\nGPU 1: /);

	publishState(state, {
		pid: process.pid,
		framework: 'vllm',
		model: 'm',
		process: 'VLLM::EngineCore',
		gpus: [0],
		memory_mib: 30_000,
		utilization: 80,
		running: 3,
		waiting: 0,
		port: 1,
	});
	const query = nvidiaSmi(['--query-gpu=index,name,memory.used,memory.total,utilization.gpu', '--format=csv'], env);
	t.is(
		query.stdout,
		'index, name, memory.used [MiB], memory.total [MiB], utilization.gpu [%]\n0, NVIDIA A100-SXM4-40GB, 30001 MiB, 40960 MiB, 80 %\n1, NVIDIA A100-SXM4-40GB, 1001 MiB, 40960 MiB, 100 %\n',
	);
	const bare = nvidiaSmi(['--query-gpu=index,memory.used', '--format=csv,noheader,nounits', '-i', '1'], env);
	t.is(bare.stdout, '1, 1001\n');
	const apps = nvidiaSmi(['--query-compute-apps=pid,used_memory', '--format=csv,noheader'], env);
	t.is(apps.stdout.trim().split('\n').length, 2);
	t.regex(apps.stdout, new RegExp(`^${process.pid}, 30000 MiB$`, 'm'));
	t.regex(apps.stdout, /^77, 1000 MiB$/m);
	t.is(nvidiaSmi(['--query-gpu=bogus', '--format=csv'], env).stderr, 'Field "bogus" is not a valid field to query.\n');
	t.regex(nvidiaSmi([], env).stdout, /NVIDIA-SMI .*Driver Version: .*CUDA Version:/);
});

test('version queries answer as on a real box; other python goes to the real interpreter', async t => {
	const env = simEnv({versions: {sglang: '0.5.20', vllm: '0.31.0', tensorrt_llm: '1.0.0'}});
	t.is((await runCommand('vllm', ['--version'], env)).stdout, '0.31.0\n');
	t.is((await runCommand('python', ['-c', 'import sglang; print(sglang.__version__)'], env)).stdout, '0.5.20\n');
	t.is(
		(await runCommand('python3', ['-c', 'import tensorrt_llm; print(tensorrt_llm.__version__)'], env)).stdout,
		'[TensorRT-LLM] TensorRT-LLM version: 1.0.0\n1.0.0\n',
	);
	t.is((await runCommand('trtllm-serve', ['--version'], env)).stdout, 'trtllm-serve, version 1.0.0\n');
	const passthrough = await runCommand('python3', ['-c', 'print(6 * 7)'], env);
	t.is(passthrough.stdout, '42\n', 'a real python3 later on PATH runs everything else');
	// A PATH with the shims and node only: nothing to hand over to.
	const nodeOnly = mkdtempSync(path.join(tmpdir(), 'sim-node-only-'));
	symlinkSync(process.execPath, path.join(nodeOnly, 'node'));
	const noPython = await runCommand('python3', ['-c', 'print(1)'], {...env, PATH: [env.PATH!.split(path.delimiter)[0], nodeOnly].join(path.delimiter)});
	t.is(noPython.code, 127);
	t.regex(noPython.stderr, /found no real Python interpreter on PATH/);
});

test('world: defaults, validation with the YAML path of the problem', t => {
	const defaults = parseWorld(undefined);
	t.is(defaults.gpu_model, 'H100-80GB');
	t.is(defaults.gpu_count, 8);
	t.is(defaults.time_scale, 0.25);
	t.throws(() => parseWorld('{"gpu_count": 0}'), {message: /gpu_count/});
	t.throws(() => parseWorld('{"gpu_model": "TPU"}'), {message: /unknown gpu_model 'TPU'/});
	t.throws(() => parseWorld('not json'), {message: /not valid JSON/});
});
