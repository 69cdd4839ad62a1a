import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {loadWorld, stateDir} from '../world.js';
import {bannerText, effectiveEntrypoint} from './docker-images.js';

/**
 * The simulated box's `docker`: `run`/`exec` run the inner command locally (where the other shims
 * answer it), `rm -f` stops a named one, `ps` lists them, `pull`/`version` answer plainly. Enough
 * for the docker and docker-exec recipes to be exercised end to end; no isolation is simulated.
 */
type Container = {name: string; id: string; image: string; command: string; pid: number; started: number};

const valueOptions = new Set([
	'--name',
	'--gpus',
	'--network',
	'--net',
	'-v',
	'--volume',
	'-e',
	'--env',
	'--ulimit',
	'--entrypoint',
	'--shm-size',
	'-p',
	'--publish',
	'-w',
	'--workdir',
	'-u',
	'--user',
	'--ipc',
	'--runtime',
	'--env-file',
	'--label',
	'-l',
	'--mount',
	'--device',
	'--cpus',
	'--memory',
	'-m',
	'--hostname',
	'-h',
	'--platform',
	'--pull',
	'--restart',
	'--cap-add',
	'--security-opt',
	'--add-host',
]);

function containersDir(): string {
	return path.join(stateDir(), 'containers');
}

function imagesDir(): string {
	return path.join(stateDir(), 'images');
}

/** Every image is present, except the world's absent_images until they were pulled. */
function imagePresent(image: string): boolean {
	let absent: string[] = [];
	try {
		absent = loadWorld().absent_images;
	} catch {
		// A broken world is reported by the commands that need it.
	}

	return !absent.includes(image) || existsSync(path.join(imagesDir(), encodeURIComponent(image)));
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function listContainers(): Container[] {
	try {
		return readdirSync(containersDir())
			.filter(file => file.endsWith('.json'))
			.map(file => JSON.parse(readFileSync(path.join(containersDir(), file), 'utf8')) as Container)
			.filter(container => alive(container.pid));
	} catch {
		return [];
	}
}

type Parsed = {env: Record<string, string>; name: string | null; gpus: string | null; entrypoint: string | null; rest: string[]};

/** Splits `docker run`/`exec` options from IMAGE/CONTAINER and the inner command. */
function parseOptions(argv: readonly string[]): Parsed {
	const parsed: Parsed = {env: {}, name: null, gpus: null, entrypoint: null, rest: []};
	let i = 0;
	for (; i < argv.length; i++) {
		const token = argv[i]!;
		if (!token.startsWith('-')) {
			break;
		}

		const eq = token.indexOf('=');
		const option = eq > 0 ? token.slice(0, eq) : token;
		if (!valueOptions.has(option)) {
			continue;
		}

		const value = eq > 0 ? token.slice(eq + 1) : (argv[++i] ?? '');
		if (option === '-e' || option === '--env') {
			const split = value.indexOf('=');
			if (split > 0) {
				parsed.env[value.slice(0, split)] = value.slice(split + 1);
			} else if (process.env[value] !== undefined) {
				parsed.env[value] = process.env[value]!;
			}
		} else if (option === '--name') {
			parsed.name = value;
		} else if (option === '--gpus') {
			parsed.gpus = value;
		} else if (option === '--entrypoint') {
			parsed.entrypoint = value;
		}
	}

	parsed.rest = argv.slice(i);
	return parsed;
}

/** `--gpus '"device=0,1"'` → CUDA_VISIBLE_DEVICES=0,1; `all` leaves every GPU visible. */
function visibleFromGpus(gpus: string | null): string | undefined {
	const match = gpus ? /device=([\d,]+)/.exec(gpus) : null;
	return match ? match[1] : undefined;
}

async function runInner(inner: string[], env: NodeJS.ProcessEnv, container: Omit<Container, 'pid' | 'started'> | null): Promise<number> {
	if (inner.length === 0) {
		process.stderr.write('docker: Error response from daemon: no command specified.\n');
		return 125;
	}

	return new Promise(resolve => {
		const child = spawn(inner[0]!, inner.slice(1), {env, stdio: 'inherit'});
		const file = container ? path.join(containersDir(), `${container.name}.json`) : null;
		if (container && file && child.pid) {
			mkdirSync(containersDir(), {recursive: true});
			writeFileSync(file, JSON.stringify({...container, pid: child.pid, started: Date.now()}));
		}

		const forward = (signal: NodeJS.Signals): void => {
			child.kill(signal);
		};

		process.on('SIGTERM', forward);
		process.on('SIGINT', forward);
		child.on('error', () => {
			process.stderr.write(
				`docker: Error response from daemon: failed to create task for container: exec: "${inner[0]}": executable file not found in $PATH: unknown.\n`,
			);
			resolve(127);
		});
		child.on('exit', (code, signal) => {
			if (file) rmSync(file, {force: true});
			resolve(code ?? (signal === 'SIGKILL' ? 137 : 143));
		});
	});
}

/**
 * The layer lines docker pull prints without a terminal (no progress bars): every layer announced,
 * then each verified, downloaded and extracted in turn over the world's image_pull_s.
 */
async function pullLayers(image: string, world: ReturnType<typeof loadWorld>): Promise<void> {
	const ids = Array.from({length: 6}, (_, index) => Buffer.from(`${image}#${index}`).toString('hex').padEnd(12, '0').slice(-12));
	for (const [index, id] of ids.entries()) process.stdout.write(`${id}: ${index < 3 ? 'Pulling fs layer' : 'Waiting'}\n`);
	const stepMs = (world.image_pull_s * world.time_scale * 1000) / ids.length;
	for (const id of ids) {
		await new Promise(resolve => setTimeout(resolve, stepMs));
		process.stdout.write(`${id}: Verifying Checksum\n${id}: Download complete\n${id}: Pull complete\n`);
	}
}

export async function dockerMain(argv: readonly string[]): Promise<number> {
	const [command, ...rest] = argv;
	switch (command) {
		case '--version':
		case 'version':
			process.stdout.write('Docker version 27.3.1, build ce12230 (simulated GPU box)\n');
			return 0;
		case 'pull': {
			const image = rest.filter(token => !token.startsWith('-')).at(-1) ?? '';
			if (!imagePresent(image)) {
				const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
				process.stdout.write(`${tag}: Pulling from ${image.replace(/:[^/]*$/, '')}\n`);
				await pullLayers(image, loadWorld());
				process.stdout.write(`Digest: sha256:${'0'.repeat(64)}\nStatus: Downloaded newer image for ${image}\n`);
				mkdirSync(imagesDir(), {recursive: true});
				writeFileSync(path.join(imagesDir(), encodeURIComponent(image)), '');
				return 0;
			}

			process.stdout.write(`latest: Pulling from ${image}\nStatus: Image is up to date for ${image}\n`);
			return 0;
		}

		case 'image': {
			const [sub, ...names] = rest;
			if (sub !== 'inspect') {
				process.stderr.write(`docker image ${sub ?? ''}: not simulated (only inspect)\n`);
				return 1;
			}

			const images = names.filter((token, index) => !token.startsWith('-') && names[index - 1] !== '--format' && names[index - 1] !== '-f');
			const missing = images.find(image => !imagePresent(image));
			if (missing !== undefined) {
				process.stdout.write('[]\n');
				process.stderr.write(`Error response from daemon: No such image: ${missing}\n`);
				return 1;
			}

			process.stdout.write(`${images.map(image => `sha256:${Buffer.from(image).toString('hex').padEnd(64, '0').slice(0, 64)}`).join('\n')}\n`);
			return 0;
		}

		case 'run':
		case 'exec': {
			const parsed = parseOptions(rest);
			const [target, ...userCommand] = parsed.rest;
			if (!target) {
				process.stderr.write(`"docker ${command}" requires at least ${command === 'run' ? 1 : 2} argument(s).\n`);
				return 1;
			}

			const env: NodeJS.ProcessEnv = {...process.env, ...parsed.env};
			const visible = visibleFromGpus(parsed.gpus);
			if (visible !== undefined) env.CUDA_VISIBLE_DEVICES = visible;
			// A container started without --gpus has no GPU and no libcuda (the shims read this).
			if (command === 'run' && parsed.gpus === null) env.LLM_BENCH_SIM_NO_GPU = '1';
			else if (command === 'run') delete env.LLM_BENCH_SIM_NO_GPU;
			let inner = userCommand;
			if (command === 'run') {
				const entrypoint = effectiveEntrypoint(target, parsed.entrypoint);
				if (entrypoint.banner) process.stdout.write(bannerText(entrypoint.banner, parsed.gpus !== null));
				// NVIDIA's script only prints the banner and execs its arguments.
				inner = [...entrypoint.argv.filter(word => !word.startsWith('/opt/nvidia/')), ...userCommand];
			}

			const name = command === 'run' ? (parsed.name ?? `sim_${process.pid}`) : null;
			const id = ((process.pid * 2_654_435_761) >>> 0).toString(16).padStart(12, '0');
			return runInner(inner, env, name ? {name, id, image: target, command: inner.join(' ')} : null);
		}

		case 'rm': {
			const names = rest.filter(token => !token.startsWith('-'));
			for (const name of names) {
				const container = listContainers().find(entry => entry.name === name || entry.id.startsWith(name));
				if (container) {
					process.kill(container.pid, 'SIGKILL');
					rmSync(path.join(containersDir(), `${container.name}.json`), {force: true});
				}

				process.stdout.write(`${name}\n`);
			}

			return 0;
		}

		case 'ps': {
			const format = rest.find((_token, index) => rest[index - 1] === '--format') ?? rest.find(token => token.startsWith('--format='))?.slice(9);
			const containers = listContainers();
			if (format) {
				const render = (c: Container): string =>
					format
						.replaceAll('{{.Names}}', c.name)
						.replaceAll('{{.ID}}', c.id)
						.replaceAll('{{.Image}}', c.image)
						.replaceAll('{{.Status}}', `Up ${Math.round((Date.now() - c.started) / 1000)} seconds`);
				process.stdout.write(containers.map(c => `${render(c)}\n`).join(''));
				return 0;
			}

			process.stdout.write('CONTAINER ID   IMAGE                                   COMMAND                   STATUS          NAMES\n');
			for (const c of containers) {
				process.stdout.write(
					`${c.id.padEnd(15)}${c.image.padEnd(40)}"${c.command.slice(0, 22)}…"  Up ${Math.round((Date.now() - c.started) / 1000)} seconds   ${c.name}\n`,
				);
			}

			return 0;
		}

		default:
			process.stderr.write(`docker: '${command ?? ''}' is not a docker command.\nSee 'docker --help'\n`);
			return 1;
	}
}
