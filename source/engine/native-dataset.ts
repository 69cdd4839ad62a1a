import fs from 'node:fs';
import path from 'node:path';
import type {NativeBenchAdapter, NativeDataset} from '../frameworks/adapter.js';
import type {Endpoint, WorkloadRow} from '../results/workload-row.js';

/**
 * Where the file a native client reads lives when it is derived from a scenario's canonical
 * workload: beside it, `workload/native/<framework>-<scenario>.jsonl` (docs/native-clients.md).
 */
export function derivedWorkloadFile(framework: string, workloadFile: string): string {
	return path.join(path.dirname(workloadFile), 'native', `${framework}-${path.basename(workloadFile)}`);
}

function readRows(file: string): WorkloadRow[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(line => line.trim() !== '')
		.map(line => JSON.parse(line) as WorkloadRow);
}

/**
 * The file the native command reads for this workload (the canonical one, or the derived one, written
 * here once), or null when the client can only draw its own prompts; with the adapter's verdict.
 */
export function nativeDatasetPath(
	native: NativeBenchAdapter,
	framework: string,
	workloadFile: string | null,
	endpoint: Endpoint,
): {readonly path: string | null; readonly dataset: NativeDataset | null; readonly outputLen: number | null} {
	if (!workloadFile || !fs.existsSync(workloadFile)) return {path: null, dataset: null, outputLen: null};
	const rows = readRows(workloadFile);
	const dataset = native.dataset(rows, endpoint);
	// The rows' own output length when they share one (a client with one length for all uses it).
	const lengths = new Set(rows.map(row => row.output_len));
	const outputLen = lengths.size === 1 ? rows[0]!.output_len : null;
	if (dataset.reads === 'workload') return {path: workloadFile, dataset, outputLen};
	if (dataset.reads === 'own') return {path: null, dataset, outputLen: null};
	const derived = derivedWorkloadFile(framework, workloadFile);
	if (!fs.existsSync(derived)) {
		fs.mkdirSync(path.dirname(derived), {recursive: true});
		fs.writeFileSync(derived, dataset.text);
	}

	return {path: derived, dataset, outputLen};
}
