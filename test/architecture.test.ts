import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {repoRoot} from './helpers/run-cli.js';

/** docs/architecture.md rule 1: the engine and everything it uses know nothing about the terminal. */
const headlessLayers = [
	'engine',
	'bench',
	'config',
	'plan',
	'executors',
	'recipes',
	'workload',
	'sim',
	'frameworks',
	'results',
	'report',
	'native',
	'shell',
	'secrets',
];
const uiImport = /(?:from\s+|import\()\s*['"](?:ink|react|ink-[\w-]+|[./]+\/ui\/[^'"]*)['"]/;

test('no headless layer imports Ink, React or source/ui', t => {
	const offenders: string[] = [];
	for (const layer of headlessLayers) {
		const dir = path.join(repoRoot, 'source', layer);
		for (const file of readdirSync(dir, {recursive: true, encoding: 'utf8'})) {
			if (!/\.(ts|tsx|mjs)$/.test(file)) continue;
			const text = readFileSync(path.join(dir, file), 'utf8');
			if (uiImport.test(text)) offenders.push(`source/${layer}/${file}`);
		}
	}

	t.deepEqual(offenders, []);
});

/**
 * Folders of source/ form layers: when folder A imports folder B, B never imports A (docs/architecture.md).
 * Top-level files (cli.tsx, errors.ts, events.ts) are shared by all and not a folder. No exceptions.
 */

test('no two source folders import each other', t => {
	const sourceDir = path.join(repoRoot, 'source');
	const edges = new Map<string, Map<string, string>>();
	for (const file of readdirSync(sourceDir, {recursive: true, encoding: 'utf8'})) {
		if (!/\.(ts|tsx|mjs)$/.test(file) || !file.includes(path.sep)) continue;
		const from = file.split(path.sep)[0]!;
		const text = readFileSync(path.join(sourceDir, file), 'utf8');
		for (const match of text.matchAll(/(?:from|import\()\s*['"](\.[^'"]+)['"]/g)) {
			const target = path.relative(sourceDir, path.resolve(sourceDir, path.dirname(file), match[1]!));
			const to = target.split(path.sep)[0]!;
			if (target.startsWith('..') || !target.includes(path.sep) || to === from) continue;
			if (!edges.has(from)) edges.set(from, new Map());
			edges.get(from)!.set(to, `source/${file} imports ${match[1]}`);
		}
	}

	const cycles: string[] = [];
	for (const [a, targets] of edges) {
		for (const [b, example] of targets) {
			const back = edges.get(b)?.get(a);
			if (back && a < b) cycles.push(`${a} <-> ${b}: ${example}; ${back}`);
		}
	}

	t.deepEqual(cycles, []);
});
