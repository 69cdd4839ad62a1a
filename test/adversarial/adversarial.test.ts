import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import test from 'ava';
import {parse} from 'yaml';
import {cliPath, repoRoot} from '../helpers/run-cli.js';
import {simRecipeFile, smallPlan, tempDir} from '../engine/sim-fixture.js';

/**
 * Hostile inputs as data: each file in cases/ is one command line (and the files it needs) with the
 * exit code and the words its message must contain. Each runs through the real CLI with a small heap
 * and a deadline, so a hang, a heap blow-up or a stack trace fails the case.
 */
type Case = {
	what: string;
	args: string[];
	files?: Record<string, string>;
	fifo?: string[];
	big?: Record<string, number>;
	dirs?: string[];
	env?: Record<string, string>;
	exit: number;
	output: string[];
	absent?: string[];
};

const casesDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'cases');
const files = fs
	.readdirSync(casesDir)
	.filter(name => name.endsWith('.yaml'))
	.sort();
const deadlineMs = 20_000;
const heapMb = 256;
const stackTrace = /^\s+at .+[:(].*\d+:\d+\)?$/m;

// One at a time: the suite runs on 2 cores beside another test file, some of which time things.
let running = 0;
const queue: Array<() => void> = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
	if (running >= 1) await new Promise<void>(resolve => queue.push(resolve));
	running++;
	try {
		return await work();
	} finally {
		running--;
		queue.shift()?.();
	}
}

function expand(text: string | number, vars: Record<string, string>): string {
	return String(text).replace(/\{(\w+)\}/g, (match, name: string) => vars[name] ?? match);
}

/** A loopback port held by this test while the case runs (`{busyPort}`: a port another program has). */
async function holdPort(): Promise<{port: number; release(): void}> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {port: (server.address() as net.AddressInfo).port, release: () => server.close()};
}

async function runCase(spec: Case, dir: string) {
	const busy = await holdPort();
	try {
		return await runCaseWith(spec, dir, String(busy.port));
	} finally {
		busy.release();
	}
}

async function runCaseWith(spec: Case, dir: string, busyPort: string) {
	const vars = {dir, repo: repoRoot, sim: simRecipeFile(dir), small: path.join(dir, 'small.yaml'), busyPort};
	fs.writeFileSync(vars.small, smallPlan());
	for (const sub of spec.dirs ?? []) fs.mkdirSync(path.join(dir, sub), {recursive: true});
	for (const [name, text] of Object.entries(spec.files ?? {})) {
		fs.mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
		fs.writeFileSync(path.join(dir, name), expand(text, vars));
	}
	for (const [name, bytes] of Object.entries(spec.big ?? {})) {
		const line = `# ${'x'.repeat(98)}\n`;
		fs.writeFileSync(
			path.join(dir, name),
			`${fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), 'utf8') : ''}${line.repeat(Math.ceil(bytes / line.length))}`,
		);
	}
	for (const name of spec.fifo ?? []) mkfifo(path.join(dir, name));
	const args = spec.args.map(arg => expand(arg, vars));
	const started = Date.now();
	const result = await new Promise<{code: number | null; signal: NodeJS.Signals | null; output: string}>(resolve => {
		const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, cliPath, ...args], {
			cwd: dir,
			env: {...process.env, ...spec.env},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, output});
		});
	});
	return {...result, args, ms: Date.now() - started};
}

function mkfifo(file: string): void {
	fs.rmSync(file, {force: true});
	if (spawnSync('mkfifo', [file]).status !== 0) throw new Error(`mkfifo ${file} failed`);
}

for (const file of files) {
	const spec = parse(fs.readFileSync(path.join(casesDir, file), 'utf8')) as Case;
	test(`${file}: ${spec.what}`, async t => {
		const dir = tempDir('adversarial');
		const result = await slot(async () => runCase(spec, dir));
		const where = `llm-bench-tui ${result.args.join(' ')}\n${result.output.slice(0, 3000)}`;
		t.is(result.signal, null, `killed (${result.signal}) after ${result.ms} ms: a hang or a heap blow-up\n${where}`);
		t.false(stackTrace.test(result.output), `a stack trace instead of a message\n${where}`);
		t.is(result.code, spec.exit, where);
		const lower = result.output.toLowerCase();
		for (const word of spec.output) t.true(lower.includes(expand(word, {dir}).toLowerCase()), `missing '${word}'\n${where}`);
		for (const absent of spec.absent ?? []) t.false(fs.existsSync(expand(absent, {dir})), `${absent} exists: something ran or wrote that must not\n${where}`);
	});
}
