import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import test from 'ava';
import {createExecutor} from '../../source/executors/create-executor.js';
import {parseRecipe} from '../../source/recipes/load-recipe.js';

/**
 * The ssh executor against a real sshd on 127.0.0.1 (Debian's openssh-server), with a host key
 * and an authorized client key generated in a temp dir. Skips, saying why, only if sshd cannot run.
 */
type Sshd = {port: number; key: string; process: ChildProcess};
let sshd: Sshd | null = null;
let skipReason = '';

async function freePort(): Promise<number> {
	return new Promise(resolve => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

async function listening(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({port, host: '127.0.0.1'});
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

test.before(async () => {
	const binary = ['/usr/sbin/sshd', '/usr/bin/sshd'].find(file => fs.existsSync(file));
	if (!binary) return void (skipReason = 'sshd is not installed (apt-get install -y openssh-server)');
	if (process.getuid?.() !== 0) return void (skipReason = 'sshd needs root to log a user in here');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-bench-sshd-'));
	const keygen = (file: string) => spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
	keygen(path.join(dir, 'host_key'));
	keygen(path.join(dir, 'client_key'));
	fs.copyFileSync(path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys'));
	const port = await freePort();
	fs.mkdirSync('/run/sshd', {recursive: true});
	fs.writeFileSync(
		path.join(dir, 'sshd_config'),
		[
			`Port ${port}`,
			'ListenAddress 127.0.0.1',
			`HostKey ${dir}/host_key`,
			`AuthorizedKeysFile ${dir}/authorized_keys`,
			`PidFile ${dir}/sshd.pid`,
			'StrictModes no',
			'UsePAM no',
			'PermitRootLogin prohibit-password',
			'PasswordAuthentication no',
			'',
		].join('\n'),
	);
	const child = spawn(binary, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], {stdio: 'ignore'});
	for (let i = 0; i < 50 && !(await listening(port)); i++) await new Promise(resolve => setTimeout(resolve, 100));
	if (!(await listening(port))) {
		child.kill('SIGKILL');
		return void (skipReason = 'sshd did not start listening');
	}

	sshd = {port, key: path.join(dir, 'client_key'), process: child};
});

test.after.always(() => sshd?.process.kill('SIGTERM'));

function executor(env: Record<string, string> = {}) {
	const recipe = parseRecipe(
		{
			kind: 'ssh',
			host: '127.0.0.1',
			port: sshd!.port,
			identity_file: sshd!.key,
			ssh_options: ['StrictHostKeyChecking=no', 'UserKnownHostsFile=/dev/null', 'LogLevel=ERROR'],
			env: {LLM_BENCH_TEST: 'over ssh', ...env},
		},
		null,
	);
	return createExecutor(recipe, {env: process.env});
}

function remoteSleepers(marker: string): number {
	return spawnSync('ps', ['-eo', 'args'], {encoding: 'utf8'})
		.stdout.split('\n')
		.filter(line => line.startsWith(`sleep ${marker}`)).length;
}

test.serial('ssh executor runs a command on the host with BatchMode and quoted arguments', async t => {
	if (!sshd) {
		t.log(`skipped: ${skipReason}`);
		t.pass();
		return;
	}

	const result = await executor().run(['sh', '-c', 'echo "$1 $LLM_BENCH_TEST"', 'sh', "it's quoted"], {framework: null, timeoutMs: 20_000});
	t.is(result.code, 0, result.stderr);
	t.is(result.stdout.trim(), "it's quoted over ssh");
});

test.serial('ssh executor launches a remote server process group and stops all of it', async t => {
	if (!sshd) {
		t.log(`skipped: ${skipReason}`);
		t.pass();
		return;
	}

	const marker = String(3000 + Math.floor(Math.random() * 900));
	const server = executor().launch({argv: ['sh', '-c', `sleep ${marker} & sleep ${marker}; wait`], name: 'ssh-test', gpuIds: null, framework: 'vllm'});
	for (let i = 0; i < 50 && remoteSleepers(marker) < 2; i++) await new Promise(resolve => setTimeout(resolve, 100));
	t.is(remoteSleepers(marker), 2);
	await server.stop(1000);
	for (let i = 0; i < 50 && remoteSleepers(marker) > 0; i++) await new Promise(resolve => setTimeout(resolve, 100));
	t.is(remoteSleepers(marker), 0, 'no remote process left behind');
});

test.serial('ssh executor: recipe env values reach the remote server but no process list shows them', async t => {
	if (!sshd) {
		t.log(`skipped: ${skipReason}`);
		t.pass();
		return;
	}

	// The value has quotes, a newline and a $ so that any inline or unquoted crossing would show.
	const value = `canary-${Math.random().toString(36).slice(2)} it's $HOME\nline two`;
	const marker = String(3000 + Math.floor(Math.random() * 900));
	const server = executor({LLM_BENCH_ORDINARY: value}).launch({
		argv: ['sh', '-c', `printf '%s|' "$LLM_BENCH_ORDINARY"; echo; exec sleep ${marker}`],
		name: 'ssh-env',
		gpuIds: null,
		framework: 'vllm',
	});
	const lines: string[] = [];
	server.onLine(line => lines.push(line));
	for (let i = 0; i < 50 && remoteSleepers(marker) < 1; i++) await new Promise(resolve => setTimeout(resolve, 100));
	const processes = spawnSync('ps', ['-eo', 'args'], {encoding: 'utf8'}).stdout;
	await server.stop(1000);
	t.true(lines.join('\n').includes(`${value}|`), lines.join('\n'));
	const canary = value.slice(0, value.indexOf(' '));
	t.false(
		processes.includes(canary),
		processes
			.split('\n')
			.filter(line => line.includes(canary))
			.join('\n'),
	);
	t.true(processes.includes('BatchMode=yes'), 'the ssh client was in the process list');
});
