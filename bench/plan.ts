import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {checkPlanFile} from '../source/plan/check-plan-file.js';
import {expandConfigPaths} from '../source/plan/config-files.js';
import {loadHelpSet} from '../source/plan/help/load-help.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Load + check + generate + flag-check every config once, as `validate configs` does. */
async function validateAll(files: readonly string[], helpDir: string | null): Promise<number> {
	const helpSet = await loadHelpSet(helpDir);
	let candidates = 0;
	for (const file of files) {
		const check = await checkPlanFile(file, helpSet);
		if (check.plan === null || check.issues.some(issue => issue.severity === 'error')) {
			throw new Error(`${file} did not validate`);
		}

		candidates += check.frameworks.reduce((sum, entry) => sum + entry.candidates.length, 0);
	}

	return candidates;
}

async function timeMs(action: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await action();
	return performance.now() - start;
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * How long validating every shipped config takes in-process (goal: well under 1 s), against the
 * bundled catalog and against the captured help fixtures. The first run includes module warm-up.
 */
export async function run(): Promise<Record<string, number | string>> {
	const {files} = await expandConfigPaths([path.join(root, 'configs')]);
	const helpDir = path.join(root, 'test', 'fixtures', 'help');
	let candidates = 0;
	const firstMs = await timeMs(async () => {
		candidates = await validateAll(files, null);
	});
	const catalogRuns: number[] = [];
	const helpRuns: number[] = [];
	for (let round = 0; round < 5; round++) {
		catalogRuns.push(await timeMs(async () => validateAll(files, null)));
		helpRuns.push(await timeMs(async () => validateAll(files, helpDir)));
	}

	const figures = {
		configs: files.length,
		candidates,
		validate_all_first_ms: Math.round(firstMs),
		validate_all_catalog_median_ms: Math.round(median(catalogRuns)),
		validate_all_captured_help_median_ms: Math.round(median(helpRuns)),
		goal: 'well under 1000 ms',
	};
	console.log(
		`validated ${files.length} configs (${candidates} candidates): first ${figures.validate_all_first_ms} ms, catalog median ${figures.validate_all_catalog_median_ms} ms, captured help median ${figures.validate_all_captured_help_median_ms} ms`,
	);
	return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	await run();
}
