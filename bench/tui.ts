import {execFileSync} from 'node:child_process';
import {Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {createElement} from 'react';
import {render} from 'ink';
import {App} from '../source/ui/app/app.js';
import {tuiRenderOptions} from '../source/ui/start-tui.js';
import {defaultRefreshMs} from '../source/ui/hooks/use-session-state.js';
import {createFakeSession} from '../test/helpers/fake-session.js';
import {demoEvents} from '../test/helpers/demo-events.js';

/**
 * The TUI's CPU use while it renders a replayed demo event stream, faster than a real run sends
 * events (one every 20 ms), at its own refresh rate (defaultRefreshMs). Goal: under 10% of one core.
 */
class NullTerminal extends Writable {
	columns = 100;
	rows = 30;
	isTTY = true;
	bytes = 0;
	override _write(chunk: Buffer, _encoding: string, callback: () => void) {
		this.bytes += chunk.length;
		callback();
	}
}

/**
 * Measured in a child process with React's production build, as bin/llm-bench-tui.js runs it (the
 * build is chosen when React is first imported, so the bench runner's own process cannot switch).
 */
export async function run(): Promise<Record<string, number | string>> {
	const out = execFileSync(process.execPath, ['--import=tsx', fileURLToPath(import.meta.url), '--replay-child'], {
		encoding: 'utf8',
		env: {...process.env, NODE_ENV: 'production', CI: 'false'},
		timeout: 60_000,
	});
	const figures = JSON.parse(out.match(/\{.*\}/g)!.at(-1)!) as Record<string, number | string>;
	console.log(figures);
	return figures;
}

async function replay(): Promise<Record<string, number | string>> {
	const events = demoEvents(Date.now());
	// Loop the candidate part of the stream so the run lasts a few seconds.
	const body = events.filter(e => e.type === 'bench-progress' || e.type === 'gpu-sampled' || e.type === 'server-log');
	const script = [...events.slice(0, events.findIndex(e => e.type === 'bench-started') + 1)];
	for (let i = 0; i < 200; i++) script.push(...body.map(e => ({...e, t: Date.now()})));
	const session = createFakeSession(script.slice(0, 250));
	const stdout = new NullTerminal();
	const previousCi = process.env.CI;
	process.env.CI = 'false';
	const instance = render(createElement(App, {session, interactive: false}), {
		...tuiRenderOptions,
		stdout: stdout as unknown as NodeJS.WriteStream,
		patchConsole: false,
	});
	const intervalMs = 20;
	let emitted = 0;
	let cpuStart = process.cpuUsage();
	let wallStart = performance.now();
	let bytesStart = 0;
	for (const event of script) {
		session.emit(event);
		emitted++;
		await new Promise(resolve => setTimeout(resolve, intervalMs));
		// The first second warms up the JIT and module caches; it is not the steady state measured.
		if (emitted === 50) {
			cpuStart = process.cpuUsage();
			wallStart = performance.now();
			bytesStart = stdout.bytes;
		}

		if (emitted > 50 && performance.now() - wallStart > 5000) break;
	}

	const wallMs = performance.now() - wallStart;
	const cpu = process.cpuUsage(cpuStart);
	instance.unmount();
	process.env.CI = previousCi;
	const cpuPct = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;
	return {
		'tui cpu % of one core (goal < 10)': Number(cpuPct.toFixed(1)),
		'tui events replayed': emitted,
		'tui events per second': Math.round(((emitted - 50) / wallMs) * 1000),
		'tui refresh interval ms': defaultRefreshMs,
		'tui bytes written per second': Math.round(((stdout.bytes - bytesStart) / wallMs) * 1000),
	};
}

if (process.argv.includes('--replay-child')) console.log(JSON.stringify(await replay()));
