import {execFile} from 'node:child_process';
import {mkdtemp, readFile, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {loadRows} from '../../source/report/load-rows.js';
import {loadContextBeside} from '../../source/report/report-context.js';
import {writeReport} from '../../source/report/write-report.js';
import {repoRoot} from '../helpers/run-cli.js';

const run = promisify(execFile);
const fixture = path.join(repoRoot, 'test/fixtures/rows/three-frameworks/results.jsonl');

async function writeFixtureHtml(): Promise<{file: string; html: string; dir: string}> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'report-html-'));
	const file = path.join(dir, 'report.html');
	await writeReport(await loadRows([fixture]), await loadContextBeside(fixture), {html: file});
	return {file, html: await readFile(file, 'utf8'), dir};
}

async function findChromium(): Promise<string | null> {
	for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
		try {
			const {stdout} = await run('sh', ['-c', `command -v ${name}`]);
			if (stdout.trim()) return stdout.trim();
		} catch {}
	}

	return null;
}

test('the HTML report is one self-contained file with inline SVG charts', async t => {
	const {html} = await writeFixtureHtml();
	t.notRegex(html, /<script|<link|<img|@import|url\(|src=/i);
	t.notRegex(html, /https?:\/\/(?!127\.0\.0\.1|www\.w3\.org\/2000\/svg)/);
	// Two scenarios × (TTFT, TPOT, Pareto).
	t.is(html.match(/<svg class="chart"/g)?.length, 6);
	t.regex(html, /Pareto frontier across frameworks/);
	t.regex(html, /<h2>4\. Failed Or SLA-Failing Candidates<\/h2><p>This table is the record of tried configurations/);
});

test('the HTML report renders in headless Chromium with its charts visible', async t => {
	const chromium = await findChromium();
	if (!chromium) {
		t.log('SKIPPED: no chromium on PATH (CI installs Debian chromium; here: apt-get install -y chromium)');
		t.pass();
		return;
	}

	const {file, dir} = await writeFixtureHtml();
	const common = [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		'--disable-dev-shm-usage',
	];
	const url = `file://${file}`;
	const dom = await run(chromium, [...common, `--user-data-dir=${path.join(dir, 'profile-dom')}`, '--dump-dom', url], {
		timeout: 90_000,
		maxBuffer: 32 * 1024 * 1024,
	});
	const svgs = dom.stdout.match(/<svg class="chart"[\s\S]*?<\/svg>/g) ?? [];
	t.is(svgs.length, 6);
	for (const svg of svgs) {
		t.regex(svg, /<circle /);
		t.regex(svg, /<path /);
	}

	const png = path.join(dir, 'report.png');
	await run(chromium, [...common, `--user-data-dir=${path.join(dir, 'profile-shot')}`, `--screenshot=${png}`, '--window-size=1400,2400', url], {
		timeout: 90_000,
	});
	const bytes = await readFile(png);
	t.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	t.is(bytes.readUInt32BE(16), 1400);
	t.true((await stat(png)).size > 50_000, 'a page of tables and charts compresses to well over 50 kB; a blank page is ~10 kB');
});
