// Loads a shim's TypeScript entry without paying for tsx on every call. The engine polls `nvidia-smi`
// every ~1.5 s and the adapters ask versions and help; registering tsx costs ~0.5 s of CPU each time
// on a 2-core box. So the entry is bundled once with esbuild (a direct dependency, the same one tsx uses), packages left
// external, into node_modules/.cache next to the packages it imports, and reused while none of its
// source files changed (size + mtime of every input, recorded by esbuild's metafile). The TypeScript
// stays the one source of truth; when the cache cannot be written or esbuild is missing, tsx runs
// the entry as before.
import {createHash} from 'node:crypto';
import {accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'llm-bench-sim');

function stamp(file) {
	const info = statSync(file);
	return `${info.size}:${info.mtimeMs}`;
}

function cached(name, entry) {
	try {
		const manifest = JSON.parse(readFileSync(path.join(cacheDir, `${name}.json`), 'utf8'));
		if (manifest.entry !== entry) return null;
		for (const [file, expected] of Object.entries(manifest.inputs)) {
			if (stamp(file) !== expected) return null;
		}

		return path.join(cacheDir, manifest.bundle);
	} catch {
		return null;
	}
}

// A bundle's code sees its original file's URL, so `new URL('./data/…', import.meta.url)` still works.
const originalUrls = {
	name: 'original-import-meta-url',
	setup(build) {
		build.onLoad({filter: /\.tsx?$/}, args => ({
			contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
			loader: args.path.endsWith('x') ? 'tsx' : 'ts',
		}));
	},
};

// Bundles replaced by a newer build; a shim that started a minute ago may still be importing one.
function prune(name, keep) {
	const stale = Date.now() - 60_000;
	for (const file of readdirSync(cacheDir)) {
		if (file !== keep && file.startsWith(`${name}-`) && file.endsWith('.mjs')) {
			try {
				if (statSync(path.join(cacheDir, file)).mtimeMs < stale) rmSync(path.join(cacheDir, file), {force: true});
			} catch {
				// another shim pruned it first
			}
		}
	}
}

async function bundle(name, entry) {
	// A read-only install: don't pay for a build that cannot be kept.
	mkdirSync(cacheDir, {recursive: true});
	accessSync(cacheDir, constants.W_OK);
	const {build} = await import('esbuild');
	const began = Date.now();
	const result = await build({
		entryPoints: [entry],
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		write: false,
		metafile: true,
		logLevel: 'silent',
		plugins: [originalUrls],
	});
	const code = result.outputFiles[0].text;
	const inputs = {};
	let settled = true;
	for (const input of Object.keys(result.metafile.inputs)) {
		const file = path.resolve(input);
		inputs[file] = stamp(file);
		// Edited while esbuild read it: this bundle may hold the old text, so use it once, never record it.
		settled &&= statSync(file).mtimeMs < began - 5;
	}

	// Content-addressed bundle and an atomically replaced manifest: concurrent shims never read half a file.
	const file = `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
	const temporary = path.join(cacheDir, `.${file}.${process.pid}.tmp`);
	writeFileSync(temporary, code);
	renameSync(temporary, path.join(cacheDir, file));
	if (settled) {
		writeFileSync(`${temporary}.json`, JSON.stringify({entry, bundle: file, inputs}));
		renameSync(`${temporary}.json`, path.join(cacheDir, `${name}.json`));
		prune(name, file);
	}

	return path.join(cacheDir, file);
}

/** The module at `relative` (a .ts path relative to source/sim), bundled and cached, or through tsx. */
export async function loadEntry(relative) {
	const entry = path.resolve(here, relative);
	const name = path.basename(entry).replace(/\.tsx?$/, '');
	let file = cached(name, entry);
	if (!file && process.env.LLM_BENCH_SIM_NO_CACHE !== '1') {
		try {
			file = await bundle(name, entry);
		} catch {
			file = null;
		}
	}

	if (file) {
		try {
			return await import(pathToFileURL(file).href);
		} catch {
			// A damaged cache entry: the sources still work.
		}
	}

	const {register} = await import('tsx/esm/api');
	register();
	return import(pathToFileURL(entry).href);
}
