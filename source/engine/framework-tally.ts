import type {RunState} from './run-state.js';

/**
 * Per framework: how many of its candidates ran to an outcome, were skipped, or never ran — the
 * counts an aborted run must say first ("2 tried" is candidates, never rows).
 */
export function frameworkTally(state: Pick<RunState, 'candidates'>): string[] {
	const frameworks = [...new Set(state.candidates.map(c => c.framework))];
	return frameworks.map(framework => {
		const mine = state.candidates.filter(c => c.framework === framework);
		const count = (statuses: readonly string[]) => mine.filter(c => statuses.includes(c.status)).length;
		const ran = count(['ok', 'failed', 'oom', 'timeout']);
		const skipped = count(['skipped']);
		const notRun = count(['queued', 'running']);
		return `${framework} ${ran} of ${mine.length} candidate${mine.length === 1 ? '' : 's'} ran${skipped ? `, ${skipped} skipped` : ''}${notRun ? `, ${notRun} not run` : ''}`;
	});
}
