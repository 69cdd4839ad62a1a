import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {repoRoot} from './helpers/run-cli.js';

/** ARCHITECTURE principle 1: the engine and everything it uses know nothing about the terminal. */
const headlessLayers = ['engine', 'bench', 'config', 'plan', 'executors', 'recipes', 'workload', 'sim', 'frameworks', 'results', 'report'];
const uiImport = /(?:from\s+|import\()\s*['"](?:ink|react|ink-[\w-]+|@alcalzone\/ink-table|[./]+\/ui\/[^'"]*)['"]/;

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
