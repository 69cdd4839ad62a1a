import type {RunState} from '../../engine/run-state.js';

/**
 * Remaining time: the average finished candidate's duration × candidates left; before the first
 * one finishes, the plan's own estimate minus what has elapsed.
 */
export function etaMs(state: RunState, now: number): number | null {
	if (state.startedT === null || state.phase === 'finished' || state.phase === 'aborted') return null;
	const finished = state.candidates.filter(c => c.finishedT !== null && c.startedT !== null);
	const left = state.candidates.filter(c => c.status === 'queued' || c.status === 'running').length;
	if (finished.length > 0) {
		const average = finished.reduce((sum, c) => sum + (c.finishedT! - c.startedT!), 0) / finished.length;
		const runningFor = state.active && state.active.phase !== 'stopped' && state.active.phase !== 'failed' ? now - state.active.startedT : 0;
		return Math.max(0, average * left - Math.min(runningFor, average));
	}

	if (state.estimatedSeconds === null) return null;
	return Math.max(0, state.estimatedSeconds * 1000 - (now - state.startedT));
}
