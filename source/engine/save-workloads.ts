import path from 'node:path';
import type {RunContext} from './run-context.js';

/** SPEC §5: one workload per scenario, built once, saved, hashed, sent unchanged to every framework. */
export async function saveWorkloads(context: RunContext): Promise<{status: 'passed' | 'failed' | 'warning'; detail?: string; hint?: string}> {
	const notes: string[] = [];
	try {
		for (const scenario of context.plan.scenarios) {
			const built = await context.deps.materializeWorkload(context.plan, scenario);
			const file = path.join('workload', `${scenario.name}.jsonl`);
			context.artifacts.writeText(file, `${built.rows.map(row => JSON.stringify(row)).join('\n')}\n`);
			context.workloads.set(scenario.name, {rows: built.rows, sha256: built.sha256, file, synthetic: built.synthetic, notes: built.notes});
			notes.push(...built.notes);
		}
	} catch (error) {
		return {status: 'failed', detail: (error as Error).message, hint: 'Check dataset.path / dataset.kind in the plan.'};
	}

	const hashes = [...context.workloads.entries()].map(([name, w]) => `${name} ${w.rows.length} rows sha256 ${w.sha256.slice(0, 12)}`);
	context.notes.push(...new Set(notes));
	return {status: 'passed', detail: hashes.join('; ')};
}
