#!/usr/bin/env node
// `npm run build` (run by `prepare` on `npm ci`/`npm install`, and by `prepack`): compiles the CLI to
// plain JavaScript in dist/, so the bin starts without compiling TypeScript on every command.
// esbuild strips types and turns JSX into react/jsx-runtime calls; `npm run typecheck` is the type
// check. Our code and the small pure-JS libraries every command loads (yaml, valibot) are bundled:
// yaml alone is ~80 CommonJS files, and resolving them was most of `validate`'s start-up. Each
// command stays its own chunk (the CLI imports commands lazily). Ink, React, ws and the tokenizers
// stay in node_modules. The simulated box's shims keep running from source/sim (they bundle their
// own entries, see source/sim/load-entry.mjs).
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `node scripts/build.mjs [OUT_DIR]`: dist/ by default. An OUT_DIR inside the package (the build
// test uses one under node_modules/.cache) still finds node_modules from there.
const outDir = path.resolve(root, process.argv[2] ?? 'dist');
const bundled = new Set(['yaml', 'valibot']);

/**
 * Code finds package files (configs/, recipes/, help catalogs) relative to its own module:
 * `new URL('../../configs/', import.meta.url)`. In the bundle each file's `import.meta.url` becomes
 * the URL its source file has, computed from the chunk's own URL (every chunk sits in dist/), so
 * those paths resolve as from source/ and the package still works wherever it is installed.
 */
const sourceUrl = {
	name: 'source-import-meta-url',
	setup(context) {
		context.onLoad({filter: /[/\\]source[/\\].*\.tsx?$/}, args => {
			const fromDist = path.relative(outDir, args.path).split(path.sep).join('/');
			const text = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`);
			return {contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts'};
		});
	},
};

rmSync(outDir, {recursive: true, force: true});
const result = await build({
	entryPoints: {cli: path.join(root, 'source/cli.tsx')},
	outdir: outDir,
	bundle: true,
	splitting: true,
	chunkNames: '[name]-[hash]',
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	sourcemap: true,
	metafile: true,
	logLevel: 'warning',
	plugins: [
		sourceUrl,
		{
			name: 'external-packages',
			setup(context) {
				context.onResolve({filter: /^[^./]/}, args => {
					const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
					return bundled.has(name) ? undefined : {path: args.path, external: true};
				});
			},
		},
	],
	// A bundled CommonJS library (yaml) may call require(): give the ESM chunks one.
	banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
});

const inputs = Object.keys(result.metafile.inputs).filter(file => file.startsWith('source/')).length;
writeFileSync(path.join(outDir, 'build-info.json'), `${JSON.stringify({builtAt: new Date().toISOString(), sourceFiles: inputs}, null, 2)}\n`);
console.log(`llm-bench-tui: compiled ${inputs} source files to ${path.relative(root, outDir)}/`);
