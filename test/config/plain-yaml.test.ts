import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {parseDocument} from 'yaml';
import {documentSource} from '../../source/config/document-source.js';
import {parsePlainYaml, plainLineOf} from '../../source/config/plain-yaml.js';
import type {PathSegment} from '../../source/config/yaml-source.js';

/**
 * The fast path (plain-yaml.ts) must read whatever it accepts exactly as the yaml library does —
 * same value, no library error, same line for every YAML path — and leave everything else to it.
 */

/** Every path into `value`, plus a missing key and a missing index below each collection. */
function paths(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
	const result: PathSegment[][] = [prefix];
	if (Array.isArray(value)) {
		for (const [index, item] of value.entries()) result.push(...paths(item, [...prefix, index]));
		result.push([...prefix, value.length], [...prefix, 'missing']);
	} else if (value !== null && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) result.push(...paths(item, [...prefix, key]));
		result.push([...prefix, 'missing'], [...prefix, 0]);
	} else {
		result.push([...prefix, 'below']);
	}

	return result;
}

/** Asserts the fast path agrees with the library; returns whether the fast path took the text. */
function agrees(t: ExecutionContext, text: string, label: string): boolean {
	const plain = parsePlainYaml(text);
	if (plain === null) return false;
	const document = parseDocument(text, {prettyErrors: false});
	t.deepEqual(
		document.errors.map(error => error.message),
		[],
		`${label}: the fast path took text the library rejects:\n${text}`,
	);
	const expected: unknown = document.toJS();
	t.deepEqual(plain.data, expected, `${label}: different value for:\n${text}`);
	const library = documentSource(text, label);
	for (const at of paths(expected)) {
		t.is<number | null, number | null>(plainLineOf(plain.root, at), library.lineOf(at), `${label}: line of ${JSON.stringify(at)} in:\n${text}`);
	}

	return true;
}

function yamlFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return ['node_modules', 'dist', '.git'].includes(entry.name) ? [] : yamlFiles(full);
		return /\.ya?ml$/.test(entry.name) ? [full] : [];
	});
}

test('every YAML file in the repository: the fast path reads it as the library does, or leaves it', t => {
	const files = yamlFiles('.');
	t.true(files.length > 40);
	for (const file of files) agrees(t, readFileSync(file, 'utf8'), file);
});

test('the shipped cookbook configs all take the fast path (the start-up figure depends on it)', t => {
	const dir = 'configs/cookbook-llm';
	const files = readdirSync(dir).filter(file => file.endsWith('.yaml'));
	t.true(files.length >= 30);
	for (const file of files) t.true(agrees(t, readFileSync(path.join(dir, file), 'utf8'), file), file);
});

const scalars = [
	...['1', '-1', '+1', '00', '007', '-0', '0o17', '0o8', '0x1F', '0x', '0X1F', '1_000', '99999999999999999999', '1e3', '1E-3', '-1.5e+3', '.5e1'],
	...['.5', '5.', '-.5', '0.0', '4.0', '1.250', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'NaN', 'nan', 'inf', '1.2.3', '- 1', '-.', '+'],
	...['true', 'True', 'TRUE', 'tRue', 'false', 'yes', 'no', 'on', 'off', 'null', 'Null', 'NULL', 'nUll', '~', '~x', ''],
	...['a:b', 'a: b', 'a:', 'a::', 'a #b', 'a#b', '#x', 'a # b: c', 'x  y', 'é ü — ×', 'a"b', "a'b", 'C:\\dir', 'a\\b', 'http://h:8/p?q=1&r'],
	...["'q'", "'it''s'", "''", "'a: b # c'", "'x' # c", "'x'#c", "'x' y", "'open", '"dq"', '""', '"a # b"', '"x" # c', '"x"#c', '"d\\"q"', '"open'],
	...['- x', '-x', '-1.5', '--flag', '? x', '?x', ':x', ',x', '[a]', '[]', '{}', '{a: 1}', 'a[1]', 'a,b', 'a, b', '&a x', '*a', '!!str 1', '!x'],
	...['|', '>', '|-', '%x', '@x', '`x', '2024-01-01', '12:30', '1:2', 'a\u2028b', 'a\u0085b', '\uFEFFx', 'emoji 😀', 'tab\tx', 'x ', ' x', 'a  #b'],
];
const simple = ['8', '0.9', 'auto', 'true', 'Qwen/Qwen3-8B', 'python -m sglang.launch_server', 'fa3'];
const keys = [
	'a',
	'b_c',
	'x.y',
	'k-1',
	'K',
	'_',
	'true',
	'null',
	'Yes',
	'1',
	'1.5',
	'__proto__',
	'toString',
	'a b',
	'"q"',
	"'q'",
	'a:b',
	'-a',
	'x'.repeat(600),
];

/** A small seeded generator (mulberry32), so a failure names a case that can be rerun. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let value = Math.imul(state ^ (state >>> 15), 1 | state);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}

/** Block YAML of random shape, mostly in the fast path's subset, often just outside it. */
function generate(next: () => number): string {
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
	const scalar = () => pick(next() < 0.7 ? simple : scalars);
	const lines: string[] = [];
	const comment = (indent: number) => {
		if (next() < 0.1) lines.push(`${' '.repeat(Math.max(0, indent + pick([-2, 0, 1, 3])))}${pick(['# note', '#', ''])}`);
	};

	const value = (indent: number, depth: number, lead: string): void => {
		const kind = depth > 3 ? 0 : next();
		if (kind < 0.5) {
			const trailing = next() < 0.1 ? pick([' # c', '  #c', '#c']) : '';
			lines.push(`${lead} ${scalar()}${trailing}`.replace(/ $/, next() < 0.5 ? '' : ' '));
			if (next() < 0.03) lines.push(`${' '.repeat(indent + 2)}continued`);
		} else if (kind < 0.75) {
			lines.push(lead + (next() < 0.05 ? ' # c' : ''));
			const inner = indent + pick([2, 2, 2, 1, 4]);
			const count = 1 + Math.floor(next() * 3);
			for (let index = 0; index < count; index++) {
				comment(inner);
				value(inner, depth + 1, `${' '.repeat(inner + (next() < 0.02 ? 1 : 0))}${pick(keys.slice(0, 8))}${next() < 0.02 ? ' ' : ''}:`);
			}
		} else {
			lines.push(lead);
			const inner = indent + pick([0, 0, 2, 2, 1, 4]);
			const count = 1 + Math.floor(next() * 3);
			for (let index = 0; index < count; index++) {
				comment(inner);
				const dash = `${' '.repeat(inner)}-${pick([' ', ' ', '  ', ''])}`;
				if (next() < 0.3 && depth < 3) {
					const column = dash.length;
					const fields = 1 + Math.floor(next() * 3);
					for (let field = 0; field < fields; field++) {
						const prefix = field === 0 ? dash : ' '.repeat(column + (next() < 0.03 ? 1 : 0));
						value(column, depth + 1, `${prefix}${pick(keys.slice(0, 8))}:`);
					}
				} else {
					lines.push(`${dash}${scalar()}`);
				}
			}
		}
	};

	const count = 1 + Math.floor(next() * 5);
	for (let index = 0; index < count; index++) {
		comment(0);
		value(0, 0, `${pick(next() < 0.9 ? keys.slice(0, 8) : keys)}:`);
	}

	let text = `${lines.join('\n')}\n`;
	if (next() < 0.05) text = pick(['---\n', '%YAML 1.2\n---\n', '# head\n', '\n', 'a: &x 1\n']) + text;
	return text;
}

test('generated documents: whatever the fast path takes, it reads as the library does', t => {
	let taken = 0;
	const cases = 4000;
	for (let seed = 1; seed <= cases; seed++) {
		if (agrees(t, generate(random(seed)), `seed ${seed}`)) taken++;
	}

	// Both sides are exercised: many plain documents, and many the library has to read.
	t.true(taken > cases * 0.1, `taken ${taken}`);
	t.true(taken < cases * 0.9, `taken ${taken}`);
});

test('each tricky scalar, as a mapping value and as a list item', t => {
	for (const scalar of scalars) {
		agrees(t, `key: ${scalar}\n`, JSON.stringify(scalar));
		agrees(t, `key:\n- ${scalar}\n- 1\n`, JSON.stringify(scalar));
		agrees(t, `key:\n  - ${scalar} # c\n`, JSON.stringify(scalar));
	}

	for (const key of keys) agrees(t, `${key}: 1\nz:\n  ${key}: 2\n`, JSON.stringify(key));
});

test('repeated keys, tabs and odd indentation go to the library, which reports them', t => {
	for (const text of ['a: 1\na: 2\n', 'a:\n\tb: 1\n', 'a:\n  b: 1\n c: 2\n', 'a: 1\n  b: 2\n', 'a:\n  - 1\n  b: 2\n', 'a: |\n  x\n', 'a: [1, 2]\n']) {
		t.is(parsePlainYaml(text), null, JSON.stringify(text));
	}
});
