import test from 'ava';
import {frameworkAdapter} from '../../source/frameworks/registry.js';
import {dockerExecArgv, dockerRemoveArgv, dockerRunArgv, groupLeaderScript} from '../../source/executors/docker-argv.js';
import {envStdin, sshArgv} from '../../source/executors/ssh-argv.js';
import {posixJoin} from '../../source/executors/posix-quote.js';

const base = {
	docker: 'docker',
	image: 'vllm/vllm-openai:v0.33.0',
	name: 'llm-bench-run1-vllm-00-baseline',
	gpuIds: [0, 1],
	hfCache: '/root/.cache/huggingface',
	envNames: ['HF_TOKEN'],
	env: {},
	frameworkArgs: [],
	extraArgs: [],
};

test('docker run: fresh named container, quoted GPU list, host network, HF cache, token by name', t => {
	t.deepEqual(dockerRunArgv(base, ['vllm', 'serve', 'Qwen/Qwen3-8B', '--port', '8000']), [
		'docker',
		'run',
		'--rm',
		'--name',
		'llm-bench-run1-vllm-00-baseline',
		'--gpus',
		'"device=0,1"',
		'--network',
		'host',
		'--ipc=host',
		'-v',
		'/root/.cache/huggingface:/root/.cache/huggingface',
		'-e',
		'HF_TOKEN',
		'vllm/vllm-openai:v0.33.0',
		'vllm',
		'serve',
		'Qwen/Qwen3-8B',
		'--port',
		'8000',
	]);
});

test('docker run: TensorRT-LLM multi-GPU gets memlock, stack, shm and NCCL_IB_DISABLE', t => {
	const argv = dockerRunArgv(
		{...base, frameworkArgs: frameworkAdapter('tensorrt_llm').container!.runArgs!(2), image: 'nvcr.io/nvidia/tensorrt-llm/release:1.2.1'},
		['trtllm-serve', 'serve', 'm'],
	);
	const text = argv.join(' ');
	t.true(text.includes('--ulimit memlock=-1 --ulimit stack=67108864 --shm-size=16g -e NCCL_IB_DISABLE=1'));
	t.true(argv.indexOf('nvcr.io/nvidia/tensorrt-llm/release:1.2.1') < argv.indexOf('trtllm-serve'));
	t.false(text.includes('hf_'), 'no secret value in argv');
});

test('docker exec reuses a container by name; cleanup is docker rm -f <name>', t => {
	t.deepEqual(dockerExecArgv({docker: 'docker', container: 'sglang', envNames: ['HF_TOKEN'], env: {A: 'b'}}, ['python3', '-m', 'sglang.launch_server']), [
		'docker',
		'exec',
		'-e',
		'HF_TOKEN',
		'-e',
		'A=b',
		'sglang',
		'python3',
		'-m',
		'sglang.launch_server',
	]);
	t.deepEqual(dockerRemoveArgv('docker', 'x'), ['docker', 'rm', '-f', 'x']);
	t.deepEqual(groupLeaderScript(['vllm', 'serve', 'a b'], posixJoin), ['setsid', '-w', 'sh', '-c', `echo "llm-bench-pgid=$$"; exec vllm serve 'a b'`]);
});

test('ssh: BatchMode, port, identity, SendEnv by name, remote command quoted once', t => {
	const argv = sshArgv(
		{ssh: 'ssh', host: 'gpu-box', user: 'ubuntu', port: 2222, identityFile: '/k/id', options: ['StrictHostKeyChecking=no'], sendEnv: ['HF_TOKEN']},
		['vllm', 'serve', 'Qwen/Qwen3-8B', '--served-model-name', "it's"],
		{LLM_X: '1'},
	);
	t.deepEqual(argv, [
		'ssh',
		'-o',
		'BatchMode=yes',
		'-o',
		'StrictHostKeyChecking=no',
		'-o',
		'SendEnv=HF_TOKEN',
		'-p',
		'2222',
		'-i',
		'/k/id',
		'ubuntu@gpu-box',
		'--',
		`env LLM_X=1 vllm serve Qwen/Qwen3-8B --served-model-name 'it'\\''s'`,
	]);
});

test('ssh with recipe env: the remote shell exports it from stdin (quoted for eval), the argv names no value', t => {
	const argv = sshArgv({ssh: 'ssh', host: 'h', user: null, port: null, identityFile: null, options: [], sendEnv: []}, ['vllm', 'serve', 'm'], {}, ['LLM_X']);
	t.is(argv.at(-1), `sh -c 'eval "$(cat)" && exec "$@"' sh vllm serve m`);
	t.is(envStdin({LLM_X: "it's $HOME\nand more", B: ''}), `export LLM_X='it'\\''s $HOME\nand more'\nexport B=''\n`);
	t.throws(() => envStdin({'A;rm -rf /': '1'}), {message: /not an environment variable name/});
});

test('ssh wraps docker: the remote command is the docker argv, quoted', t => {
	const inner = dockerRunArgv(base, ['vllm', 'serve', 'm']);
	const argv = sshArgv({ssh: 'ssh', host: 'h', user: null, port: null, identityFile: null, options: [], sendEnv: []}, inner);
	t.is(
		argv.at(-1),
		`docker run --rm --name llm-bench-run1-vllm-00-baseline --gpus '"device=0,1"' --network host --ipc=host -v /root/.cache/huggingface:/root/.cache/huggingface -e HF_TOKEN vllm/vllm-openai:v0.33.0 vllm serve m`,
	);
});
