import {spawn} from 'node:child_process';
import {accessSync, constants, realpathSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {serveMain, stdio} from '../launch/serve-main.js';
import {loadWorld} from '../world.js';
import {sglangServe} from './sglang-cli.js';

const shimDir = realpathSync(fileURLToPath(new URL('../bin', import.meta.url)));

/** The next interpreter on PATH that is not this shim (so non-simulated Python still works). */
export function findRealPython(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
	for (const candidate of [name, 'python3']) {
		for (const dir of (env.PATH ?? '').split(path.delimiter)) {
			if (dir === '') {
				continue;
			}

			let resolved: string;
			try {
				resolved = realpathSync(dir);
			} catch {
				continue;
			}

			if (resolved === shimDir) {
				continue;
			}

			const file = path.join(dir, candidate);
			try {
				accessSync(file, constants.X_OK);
				return file;
			} catch {
				// not here
			}
		}
	}

	return null;
}

const versionQuery = /^\s*import\s+(sglang|tensorrt_llm|vllm)\s*;\s*print\(\s*\1\.__version__\s*\)\s*$/;

/** `python`/`python3` on the simulated box: SGLang's launcher and version queries, else the real interpreter. */
export async function pythonMain(name: string, argv: readonly string[]): Promise<number> {
	if (argv[0] === '-m' && argv[1] === 'sglang.launch_server') {
		return serveMain(argv.slice(2), sglangServe(true));
	}

	if (argv[0] === '-c' && argv[1] !== undefined) {
		const match = versionQuery.exec(argv[1]);
		if (match) {
			const {versions} = loadWorld();
			const module = match[1] as 'sglang' | 'tensorrt_llm' | 'vllm';
			if (module === 'tensorrt_llm' && process.env.LLM_BENCH_SIM_NO_GPU === '1') {
				// libcuda.so.1 is injected by the NVIDIA runtime only into containers given GPUs.
				for (const line of [
					'Traceback (most recent call last):',
					'  File "<string>", line 1, in <module>',
					'  File "/usr/local/lib/python3.12/dist-packages/tensorrt_llm/__init__.py", line 32, in <module>',
					'    import tensorrt_llm.bindings',
					'ImportError: libcuda.so.1: cannot open shared object file: No such file or directory',
				])
					stdio.err(line);
				return 1;
			}

			if (module === 'tensorrt_llm') {
				// Importing tensorrt_llm prints this banner on stdout, as the real package does.
				stdio.out(`[TensorRT-LLM] TensorRT-LLM version: ${versions.tensorrt_llm}`);
			}

			stdio.out(versions[module]);
			return 0;
		}
	}

	const real = findRealPython(name);
	if (!real) {
		stdio.err(
			`${name}: the simulated GPU box answers only '-m sglang.launch_server' and version queries, and found no real Python interpreter on PATH for: ${argv.join(' ')}`,
		);
		return 127;
	}

	return new Promise(resolve => {
		const child = spawn(real, argv, {stdio: 'inherit'});
		const forward = (signal: NodeJS.Signals): void => {
			child.kill(signal);
		};

		process.on('SIGTERM', forward);
		process.on('SIGINT', forward);
		child.on('error', () => resolve(127));
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + 15 : 1)));
	});
}
