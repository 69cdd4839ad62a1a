import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const cliPath = fileURLToPath(new URL('../../bin/llm-bench-tui.js', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export type CliResult = {exitCode: number | null; stdout: string; stderr: string};

/** Runs the real bin as a user would, collecting output. */
export async function runCli(
	args: readonly string[],
	options: {cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string} = {},
): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, ...args], {
			cwd: options.cwd ?? repoRoot,
			env: {...process.env, ...options.env},
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
		child.on('error', reject);
		child.on('close', code => {
			clearTimeout(timer);
			resolve({exitCode: code, stdout, stderr});
		});
		child.stdin.end(options.input ?? '');
	});
}
