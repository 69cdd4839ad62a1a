import {mkdtempSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import test from 'ava';
import {nvidiaSmi} from '../../source/sim/cli/nvidia-smi-main.js';
import {loadEntry} from '../../source/sim/load-entry.mjs';
import {runCommand, simEnv} from './sim-helpers.js';

const query = ['--query-gpu=index,name,uuid,memory.used,memory.total,utilization.gpu,temperature.gpu,power.draw', '--format=csv,noheader,nounits'];

test('the nvidia-smi shim answers from the cached bundle exactly what the TypeScript says, and so does the tsx fallback', async t => {
	const env = simEnv({gpu_model: 'A100-40GB', gpu_count: 3, busy_gpus: [{index: 1, used_memory_mib: 9000}]});
	const expected = nvidiaSmi(query, env).stdout;
	t.regex(expected, /^1, NVIDIA A100-SXM4-40GB, GPU-[\da-f-]+, 9001, 40960, 100, /m);
	for (const variant of [{}, {LLM_BENCH_SIM_NO_CACHE: '1'}]) {
		const result = await runCommand('nvidia-smi', query, {...env, ...variant});
		t.is(result.code, 0, result.stderr);
		t.is(result.stdout, expected);
	}
});

test("a cached bundle is rebuilt when any of its source files changes, and keeps each file's import.meta.url", async t => {
	const dir = mkdtempSync(path.join(tmpdir(), 'load-entry-'));
	const entry = path.join(dir, `entry-${process.pid}-${Date.now()}.ts`);
	const part = path.join(dir, 'part.ts');
	// Files edited while a bundle is built are never recorded, so these are dated a minute back.
	const write = (file: string, text: string, ageS: number): void => {
		writeFileSync(file, text);
		const at = new Date(Date.now() - ageS * 1000);
		utimesSync(file, at, at);
	};

	write(entry, `import {value} from './part.js';\nexport const answer: number = value;\nexport const where: string = import.meta.url;\n`, 60);
	write(part, 'export const value = 1;\n', 60);
	const first = await loadEntry(entry);
	t.is(first.answer, 1);
	t.is(first.where, pathToFileURL(entry).href);
	t.is(await loadEntry(entry), first, 'unchanged sources: the very same cached bundle');
	write(part, 'export const value = 22;\n', 50);
	const second = await loadEntry(entry);
	t.is(second.answer, 22, 'an imported file changed: rebuilt');
	t.is(await loadEntry(entry), second);
});
