import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import os from 'node:os';

/**
 * `npm run bench`: runs every bench/<area>.ts (each exports `run()` returning its figures), prints
 * them, and records them with the machine they ran on in bench-results/latest.json. Timing goals
 * live here, not in tests, because a noisy 2-core CI machine makes timed tests flaky.
 * `npm run bench -- sim load-client` runs only the named areas.
 */
type BenchModule = {run: () => Promise<Record<string, number | string>>};

const here = path.dirname(fileURLToPath(import.meta.url));
const only = new Set(process.argv.slice(2));
const areas = readdirSync(here)
	.filter(file => file.endsWith('.ts') && file !== 'run-all.ts')
	.map(file => file.replace(/\.ts$/, ''))
	.filter(area => only.size === 0 || only.has(area))
	.sort();

const results: Record<string, Record<string, number | string>> = {};
let failed = false;
for (const area of areas) {
	console.log(`\n== ${area}`);
	try {
		const module = (await import(path.join(here, `${area}.ts`))) as BenchModule;
		const figures = await module.run();
		results[area] = figures;
		for (const [name, value] of Object.entries(figures)) {
			console.log(`  ${name.padEnd(48)} ${value}`);
		}
	} catch (error) {
		failed = true;
		console.error(`  failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	}
}

const outDir = path.join(here, '..', 'bench-results');
mkdirSync(outDir, {recursive: true});
const record = {
	date: new Date().toISOString(),
	machine: {cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version},
	results,
};
writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(record, null, 2)}\n`);
console.log(`\nrecorded in bench-results/latest.json`);
process.exitCode = failed ? 1 : 0;
