import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {frameworkAdapter, frameworkKeys, frameworkNames} from '../../source/frameworks/registry.js';
import {stripComments} from './strip-comments.js';

/**
 * Framework knowledge lives in source/frameworks/ (the registry and one folder per adapter) and
 * in the simulated box, which plays the real servers. Anywhere else, code that names a framework
 * is knowledge in the wrong place — a fourth framework would have to touch it. Comments may name
 * frameworks (prose, e.g. whose convention a formula follows); code and its strings may not,
 * except the command-line help texts below, which show users example commands.
 */
const allowed = [
	'source/cli.tsx', // top-level usage: what the tool compares, `import --from` example
	'source/commands/bench.ts', // usage: "like 'vllm bench serve'", the range-ratio convention
];

const owned = (file: string) => file.startsWith('source/frameworks/') || file.startsWith('source/sim/');

/** Every registered name, alias and label, compared without case or separators (`TensorRT-LLM` = `tensorrt_llm`). */
const squash = (text: string) => text.toLowerCase().replaceAll(/[-_ ]/g, '');
const words = [...new Set([...frameworkKeys, ...frameworkNames.map(name => frameworkAdapter(name).label)].map(squash))];

function sourceFiles(): string[] {
	return readdirSync('source', {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile() && /\.(?:tsx?|mjs|js)$/.test(entry.name))
		.map(entry => path.join(entry.parentPath, entry.name).split(path.sep).join('/'))
		.sort();
}

test('only the registry, the adapters, the simulator and the CLI help texts name a framework', t => {
	const naming = sourceFiles().filter(file => {
		const code = squash(stripComments(readFileSync(file, 'utf8')));
		return words.some(word => code.includes(word));
	});
	t.deepEqual(
		naming.filter(file => !owned(file)),
		allowed,
	);
	t.true(naming.includes('source/frameworks/registry.ts'));
	t.true(
		naming.some(file => file.startsWith('source/sim/')),
		'the scan sees the simulator, so it would see others',
	);
});

test('the comment stripper keeps strings and regex literals and drops comments', t => {
	t.is(stripComments("const a = 'x // y'; // vllm\n/* sglang */ const b = `z`;"), "const a = 'x // y'; \n const b = `z`;");
	t.is(stripComments('const r = /"[/]\'/g; // vllm\nconst d = a / b; // sglang'), 'const r = /"[/]\'/g; \nconst d = a / b; ');
	t.is(stripComments('if (/vllm/.test(x)) return /a/;'), 'if (/vllm/.test(x)) return /a/;');
});
