import path from 'node:path';
import type {RunBase, ScenarioWorkload} from './run-context.js';

/**
 * Workload notes across scenarios, each once: a note every scenario shares stays as is; one that
 * only some scenarios have names them ("scenario summarization: …").
 */
export function mergeScenarioNotes(perScenario: ReadonlyMap<string, readonly string[]>): string[] {
	const scenarios = [...perScenario.keys()];
	const where = new Map<string, string[]>();
	for (const [scenario, notes] of perScenario) {
		for (const note of new Set(notes)) where.set(note, [...(where.get(note) ?? []), scenario]);
	}

	return [...where].map(([note, names]) =>
		names.length === scenarios.length ? note : `${names.length > 1 ? 'scenarios' : 'scenario'} ${names.join(', ')}: ${note}`,
	);
}

export type SavedWorkloads =
	| {status: 'failed'; detail: string; hint: string}
	| {status: 'passed'; detail: string; workloads: ReadonlyMap<string, ScenarioWorkload>; notes: readonly string[]};

/** docs/measurement.md: one workload per scenario, built once, saved, hashed, sent unchanged to every framework. */
export async function saveWorkloads(context: Pick<RunBase, 'plan' | 'deps' | 'artifacts'>): Promise<SavedWorkloads> {
	const workloads = new Map<string, ScenarioWorkload>();
	try {
		for (const scenario of context.plan.scenarios) {
			const built = await context.deps.materializeWorkload(context.plan, scenario);
			const file = path.join('workload', `${scenario.name}.jsonl`);
			context.artifacts.writeText(file, `${built.rows.map(row => JSON.stringify(row)).join('\n')}\n`);
			workloads.set(scenario.name, {rows: built.rows, sha256: built.sha256, file, synthetic: built.synthetic, notes: built.notes});
		}
	} catch (error) {
		return {status: 'failed', detail: (error as Error).message, hint: 'Check dataset.path / dataset.kind in the plan.'};
	}

	const hashes = [...workloads.entries()].map(([name, w]) => `${name} ${w.rows.length} rows sha256 ${w.sha256.slice(0, 12)}`);
	const notes = mergeScenarioNotes(new Map([...workloads].map(([name, w]) => [name, w.notes])));
	return {status: 'passed', detail: hashes.join('; '), workloads, notes};
}
